import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { resetServicesForTests } from "@/lib/services";
import { closeDb, dbHealth, getDb } from "@/lib/db";
import { readMigrations } from "@/lib/db/migrate";

const saved = { ...process.env };
const dataDir = mkdtempSync(join(tmpdir(), "stock-hub-getdb-"));
const useEnv = (vars: Record<string, string | undefined>) => {
  process.env = { ...saved, ...vars };
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  resetServicesForTests();
};
afterEach(async () => {
  await closeDb();
});
afterAll(() => {
  process.env = saved;
  resetServicesForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("getDb on the embedded default", () => {
  it("opens PGlite in DATA_DIR/pglite, migrated on first use, and keeps data across restarts", async () => {
    useEnv({ DATABASE_URL: undefined, DATA_DIR: dataDir });
    const db = await getDb();
    const applied = await db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    expect(applied.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    expect(await getDb()).toBe(db); // one client per process
    const user = await db.user.create({ data: { email: "e@x.io", username: "e", passwordHash: "h" } });

    const health = await dbHealth();
    expect(health).toMatchObject({ status: "up", backend: "pglite" });
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);

    await closeDb();
    const reopened = await getDb();
    expect(reopened).not.toBe(db);
    expect(await reopened.user.findUnique({ where: { id: user.id } })).toMatchObject({ email: "e@x.io", role: "user" });
  });
});

describe("dbHealth with an unreachable Postgres", () => {
  it("reports down with the reason instead of throwing", async () => {
    useEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    const health = await dbHealth();
    expect(health).toMatchObject({ status: "down", backend: "postgres", latencyMs: null });
    expect(health.detail).toMatch(/ECONNREFUSED|connect/i);
  });
});
