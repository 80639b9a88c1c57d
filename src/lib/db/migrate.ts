// Applies prisma/migrations/*/migration.sql and records them in a `_prisma_migrations` table laid out exactly
// like Prisma's own, so `prisma migrate deploy` can take over wherever its schema engine is available.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The few operations the migrator needs; implemented for node-postgres and PGlite in executors.ts. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script that may hold several statements. */
  exec(sql: string): Promise<void>;
}

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** Applied migrations whose file changed since (Prisma warns about these too). */
  checksumMismatches: string[];
  /** Rows in _prisma_migrations with no folder here, e.g. a newer deploy ran against this database. */
  unknownInDatabase: string[];
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}

// The same key Prisma's schema engine locks on, so our migrator and `prisma migrate deploy` exclude each other.
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Prisma's own DDL for the table (schema-engine, postgres connector).
const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export const defaultMigrationsDir = (): string => join(process.cwd(), "prisma", "migrations");

export const checksumOf = (sql: string): string => createHash("sha256").update(sql, "utf8").digest("hex");

/** Migration folders in the order Prisma applies them (lexicographic by folder name). */
export function readMigrations({ dir = defaultMigrationsDir() }: { dir?: string } = {}): LocalMigration[] {
  // The folder is shipped via outputFileTracingIncludes; tracing it from here would pull in the whole project.
  if (!existsSync(/*turbopackIgnore: true*/ dir)) throw new MigrationError(`Migrations folder not found: ${dir}`);
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

/**
 * Brings the database up to date. Idempotent; each migration runs in its own transaction, so a failing
 * one leaves the database as it was before it and the error names the migration.
 * `lock` takes Prisma's advisory lock (Postgres with possibly concurrent migrators).
 */
export async function migrate({
  db,
  migrations = readMigrations(),
  lock = false,
}: {
  db: SqlExecutor;
  migrations?: LocalMigration[];
  lock?: boolean;
}): Promise<MigrationReport> {
  if (lock) await db.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
  try {
    await db.exec(MIGRATIONS_TABLE_DDL);
    const rows = await db.query<MigrationRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed.length > 0) {
      throw new MigrationError(
        `Migration ${failed[0].migration_name} previously failed and was not resolved; fix the database and mark it with ` +
          `\`prisma migrate resolve --rolled-back ${failed[0].migration_name}\` (or delete its row in _prisma_migrations)`,
        failed[0].migration_name,
      );
    }
    const done = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r]));
    const local = new Set(migrations.map((m) => m.name));
    const report: MigrationReport = {
      applied: [],
      alreadyApplied: [],
      checksumMismatches: [],
      unknownInDatabase: [...done.keys()].filter((name) => !local.has(name)),
    };
    for (const m of migrations) {
      const row = done.get(m.name);
      if (row) {
        report.alreadyApplied.push(m.name);
        if (row.checksum !== m.checksum) report.checksumMismatches.push(m.name);
        continue;
      }
      await applyOne(db, m);
      report.applied.push(m.name);
    }
    return report;
  } finally {
    if (lock) await db.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
  }
}

async function applyOne(db: SqlExecutor, m: LocalMigration): Promise<void> {
  const id = randomUUID();
  await db.exec("BEGIN");
  try {
    await db.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
      [id, m.checksum, m.name],
    );
    await db.exec(m.sql);
    await db.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await db.exec("COMMIT");
  } catch (err) {
    await db.exec("ROLLBACK").catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new MigrationError(`Migration ${m.name} failed and was rolled back (database unchanged): ${reason}`, m.name, {
      cause: err,
    });
  }
}
