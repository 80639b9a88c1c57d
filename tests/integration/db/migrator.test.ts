import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { MigrationError, readMigrations } from "@/lib/db/migrate";
import { openTestDatabase, realPostgresUrl, type TestDatabase } from "../../support/test-db";

interface Row {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  started_at: Date;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

const opened: TestDatabase[] = [];
async function fresh(opts: Parameters<typeof openTestDatabase>[0] = {}) {
  const db = await openTestDatabase({ migrate: false, ...opts });
  opened.push(db);
  return db;
}
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});
const rows = (db: TestDatabase) =>
  db.withExecutor((x) => x.query<Row>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`));

describe("migrator", () => {
  it("records each migration in _prisma_migrations exactly as prisma migrate deploy does, and is idempotent", async () => {
    const db = await fresh();
    const first = await db.migrate();
    const local = readMigrations();
    expect(first.applied).toEqual(local.map((m) => m.name));
    const second = await db.migrate();
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied, checksumMismatches: [], unknownInDatabase: [] });

    const recorded = await rows(db);
    expect(recorded).toHaveLength(local.length);
    const file = readFileSync(`prisma/migrations/${local[0].name}/migration.sql`);
    expect(recorded[0].checksum).toBe(createHash("sha256").update(file).digest("hex"));
    expect(recorded[0].applied_steps_count).toBe(1);
    expect(recorded[0].finished_at).toBeInstanceOf(Date);
    expect(recorded[0].rolled_back_at).toBeNull();
    expect(recorded[0].id).toMatch(/^[0-9a-f-]{36}$/);

    const columns = await db.withExecutor((x) =>
      x.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      ),
    );
    expect(columns.map((c) => `${c.column_name}:${c.data_type}:${c.is_nullable}`)).toEqual([
      "id:character varying:NO",
      "checksum:character varying:NO",
      "finished_at:timestamp with time zone:YES",
      "migration_name:character varying:NO",
      "logs:text:YES",
      "rolled_back_at:timestamp with time zone:YES",
      "started_at:timestamp with time zone:NO",
      "applied_steps_count:integer:NO",
    ]);
  });

  it("rolls a failing migration back completely and names it in the error", async () => {
    const db = await fresh();
    const broken = [
      ...readMigrations(),
      { name: "20991231000000_broken", checksum: "x".repeat(64), sql: `CREATE TABLE "half_done" (id INT);\nSELECT * FROM "no_such_table";` },
    ];
    const err = await db.migrate({ migrations: broken }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).migration).toBe("20991231000000_broken");
    expect((err as Error).message).toMatch(/20991231000000_broken failed and was rolled back.*no_such_table/);

    const tables = await db.withExecutor((x) =>
      x.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`),
    );
    expect(tables.map((t) => t.table_name)).not.toContain("half_done");
    expect(tables.map((t) => t.table_name)).toContain("users"); // the good migration before it stays applied
    expect((await rows(db)).map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
  });

  it("refuses to run past a failed migration recorded by prisma migrate deploy", async () => {
    const db = await fresh();
    await db.migrate();
    await db.withExecutor((x) =>
      x.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs) VALUES ($1, $2, $3, 'boom')`, [
        "00000000-0000-0000-0000-000000000001",
        "0".repeat(64),
        "20991231000000_failed_elsewhere",
      ]),
    );
    await expect(db.migrate()).rejects.toThrow(/20991231000000_failed_elsewhere previously failed/);
  });

  it("flags an applied migration whose file changed", async () => {
    const db = await fresh();
    await db.migrate();
    const edited = readMigrations().map((m) => ({ ...m, checksum: "f".repeat(64) }));
    const report = await db.migrate({ migrations: edited });
    expect(report.checksumMismatches).toEqual(edited.map((m) => m.name));
    expect(report.applied).toEqual([]);
  });

  it("applies each migration once when migrators race", async () => {
    const a = await fresh();
    // On Postgres a second connection pool on the same schema races through the advisory lock;
    // PGlite is a single session, so concurrent calls on it are serialized instead.
    const b = realPostgresUrl() ? await fresh({ schema: a.schema }) : a;
    const [ra, rb] = await Promise.all([a.migrate(), b.migrate()]);
    expect([...ra.applied, ...rb.applied].sort()).toEqual(readMigrations().map((m) => m.name));
    expect(await rows(a)).toHaveLength(readMigrations().length);
    if (b !== a) opened.splice(opened.indexOf(b), 1); // same schema: dropping it once is enough
    if (b !== a) await b.close();
  });
});
