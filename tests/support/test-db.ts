// A throwaway migrated database per test file: a fresh `test_<random>` schema on the real Postgres when
// DATABASE_URL is set (dropped on close), an in-memory PGlite otherwise.
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { afterAll } from "vitest";
import { openDatabase, parseDatabaseUrl, type Database } from "@/lib/db/connect";
import { migrate as runMigrations, type LocalMigration } from "@/lib/db/migrate";
import { pgliteExecutor } from "@/lib/db/executors";

export interface TestDatabase extends Database {
  schema: string;
}

export const realPostgresUrl = (): string | undefined => process.env.DATABASE_URL || undefined;

// Starting PGlite costs seconds; cloning a started instance costs a fraction of that. One empty and one
// migrated template per test file, cloned for each database the file asks for.
let emptyTemplate: Promise<PGlite> | undefined;
let migratedTemplate: Promise<PGlite> | undefined;
async function pgliteClone(migrated: boolean): Promise<PGlite> {
  if (!migrated) {
    emptyTemplate ??= PGlite.create();
    return (await (await emptyTemplate).clone()) as PGlite;
  }
  migratedTemplate ??= PGlite.create().then(async (lite) => {
    await runMigrations({ db: pgliteExecutor(lite) });
    return lite;
  });
  return (await (await migratedTemplate).clone()) as PGlite;
}

// Registered in the importing test file's root suite.
afterAll(async () => {
  for (const t of [emptyTemplate, migratedTemplate]) await (await t?.catch(() => undefined))?.close();
  emptyTemplate = migratedTemplate = undefined;
});

export async function openTestDatabase({
  migrate = true,
  migrations,
  schema = `test_${randomBytes(6).toString("hex")}`,
}: { migrate?: boolean; migrations?: LocalMigration[]; schema?: string } = {}): Promise<TestDatabase> {
  const url = realPostgresUrl();
  const db = url
    ? await openDatabase({ kind: "postgres", url: parseDatabaseUrl(url).url, schema })
    : await openDatabase({ kind: "pglite", instance: await pgliteClone(migrate && !migrations) });
  if (url) await db.withExecutor((x) => x.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`));
  // Idempotent: on a clone of the migrated template this confirms there is nothing left to apply.
  if (migrate) await db.migrate({ migrations });
  const close = db.close;
  return {
    ...db,
    schema: url ? schema : "public",
    close: async () => {
      if (url) await db.withExecutor((x) => x.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).catch(() => undefined);
      await close();
    },
  };
}
