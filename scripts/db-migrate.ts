// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (Postgres) or to the embedded PGlite
// database in ${DATA_DIR}/pglite. Records them in _prisma_migrations like `prisma migrate deploy` does.
import { join, resolve } from "node:path";
import { getEnv } from "@/env";
import { openDatabase, type DbTarget } from "@/lib/db/connect";

async function main(): Promise<void> {
  const env = getEnv();
  const target: DbTarget = env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "pglite", dataDir: resolve(join(env.DATA_DIR, "pglite")) };
  const where = target.kind === "postgres" ? "Postgres (DATABASE_URL)" : `PGlite at ${target.dataDir}`;
  const db = await openDatabase(target);
  try {
    const started = performance.now();
    const report = await db.migrate();
    const ms = Math.round(performance.now() - started);
    for (const name of report.applied) console.log(`applied  ${name}`);
    for (const name of report.checksumMismatches) console.warn(`warning  ${name} changed after it was applied`);
    for (const name of report.unknownInDatabase) console.warn(`warning  ${name} is recorded in the database but missing here`);
    console.log(
      `${where}: ${report.applied.length} applied, ${report.alreadyApplied.length} already up to date (${ms} ms)`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
