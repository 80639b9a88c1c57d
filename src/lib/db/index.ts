import "server-only";
// The app's database: PGlite persisted in ${DATA_DIR}/pglite by default, Postgres through @prisma/adapter-pg
// when DATABASE_URL is set. Migrations are applied on first use, except against Postgres in production,
// where the deploy step runs `npm run db:migrate` (or `prisma migrate deploy`) and a serverless cold start
// should not.
import { join, resolve } from "node:path";
import { getEnv } from "@/env";
import type { PrismaClient } from "@/generated/prisma/client";
import { dependencyUnavailable } from "@/lib/errors";
import { errorMessage, type Health } from "@/lib/health";
import { logger } from "@/lib/logger";
import { dropService, processService } from "@/lib/services";
import { openDatabase, type Database, type DbTarget } from "@/lib/db/connect";

export type { PrismaClient } from "@/generated/prisma/client";
export { Prisma } from "@/generated/prisma/client";

export function dbTargetFromEnv(): DbTarget {
  const env = getEnv();
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dataDir: resolve(join(env.DATA_DIR, "pglite")) };
}

async function open(): Promise<Database> {
  const target = dbTargetFromEnv();
  // A database that cannot even be opened (PGlite refusing its folder) is down, not a bug in the request.
  const db = await openDatabase(target).catch((err: unknown) => {
    throw dependencyUnavailable(`The database could not be opened: ${errorMessage(err)}`, err);
  });
  if (target.kind === "pglite" || getEnv().NODE_ENV !== "production") {
    try {
      const report = await db.migrate();
      if (report.applied.length > 0) logger.info("database migrated", { backend: target.kind, applied: report.applied });
      if (report.checksumMismatches.length > 0) {
        logger.warn("applied migrations changed since they ran", { migrations: report.checksumMismatches });
      }
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
  }
  return db;
}

// A process-wide service: Next's dev reloads must reuse one PGlite instance (it holds a lock on its folder).
function database(): Promise<Database> {
  return processService(
    "db",
    () => {
      const opening = open();
      // A failed open is not kept: the next call retries (e.g. Postgres came back).
      opening.catch(() => dropService("db", opening));
      return opening;
    },
    async (opening) => (await opening.catch(() => null))?.close(),
  );
}

/** A ready client; the embedded database is migrated before the first call returns. */
export async function getDb(): Promise<PrismaClient> {
  return (await database()).prisma;
}

export async function dbHealth(): Promise<Health> {
  const target = dbTargetFromEnv();
  try {
    return await (await database()).health();
  } catch (err) {
    return { status: "down", backend: target.kind, latencyMs: null, detail: errorMessage(err) };
  }
}

/** Closes the database; the next getDb() opens it again (from the current settings). */
export async function closeDb(): Promise<void> {
  await dropService("db");
}
