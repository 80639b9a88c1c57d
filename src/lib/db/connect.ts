// Opens a Prisma client on one of the two backends: PGlite (embedded Postgres in WASM) or Postgres through
// node-postgres. The only place a PrismaClient is constructed.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { elapsedMs, errorMessage, withTimeout, type Health } from "@/lib/health";
import { pgExecutor, pgliteExecutor } from "./executors";
import { migrate, type LocalMigration, type MigrationReport, type SqlExecutor } from "./migrate";

export type DbTarget =
  | { kind: "postgres"; url: string; schema?: string }
  /** dataDir undefined: in memory (tests); `instance` adopts an open PGlite (e.g. a clone of a migrated template). */
  | { kind: "pglite"; dataDir?: string; instance?: PGlite };

export interface Database {
  prisma: PrismaClient;
  backend: "pglite" | "postgres";
  /** Runs fn with a raw single-connection executor (migrations, schema inspection). */
  withExecutor<T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T>;
  migrate(opts?: { migrations?: LocalMigration[] }): Promise<MigrationReport>;
  health(): Promise<Health>;
  close(): Promise<void>;
}

/** Splits Prisma's `?schema=` URL parameter off: node-postgres would send it to the server as a setting. */
export function parseDatabaseUrl(url: string): { url: string; schema?: string } {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? undefined;
  u.searchParams.delete("schema");
  return { url: u.toString(), schema };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function openDatabase(target: DbTarget): Promise<Database> {
  return target.kind === "pglite" ? openPglite(target.dataDir, target.instance) : openPostgres(target.url, target.schema);
}

async function openPglite(dataDir?: string, instance?: PGlite): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = instance ?? (await PGlite.create(dataDir));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  const executor = pgliteExecutor(lite);
  // PGlite is one session: raw work must not interleave with Prisma's queries or transactions.
  let chain: Promise<unknown> = Promise.resolve();
  const withExecutor = <T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T> => {
    const run = chain.then(() => fn(executor));
    chain = run.catch(() => undefined);
    return run;
  };
  return {
    prisma,
    backend: "pglite",
    withExecutor,
    migrate: (opts) => withExecutor((db) => migrate({ db, migrations: opts?.migrations })),
    health: () => probe(prisma, dataDir ? "pglite" : "pglite(memory)"),
    close: async () => {
      await prisma.$disconnect();
      if (!lite.closed) await lite.close();
    },
  };
}

async function openPostgres(rawUrl: string, explicitSchema?: string): Promise<Database> {
  const parsed = parseDatabaseUrl(rawUrl);
  const schema = explicitSchema ?? parsed.schema;
  const pool = new pg.Pool({
    connectionString: parsed.url,
    max: 10,
    // A fresh connection's search_path makes unqualified SQL (migrations, $queryRaw) land in the same schema.
    ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
  });
  pool.on("error", () => undefined); // idle-client errors surface on the next query instead of crashing
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  const withExecutor = async <T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(pgExecutor(client));
    } finally {
      client.release();
    }
  };
  return {
    prisma,
    backend: "postgres",
    withExecutor,
    migrate: (opts) =>
      withExecutor(async (db) => {
        if (schema) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
        return migrate({ db, migrations: opts?.migrations, lock: true });
      }),
    health: () => probe(prisma, "postgres"),
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

async function probe(prisma: PrismaClient, backend: string): Promise<Health> {
  const started = performance.now();
  try {
    await withTimeout(prisma.$queryRaw`SELECT 1`, { ms: 3000, what: "database ping" });
    return { status: "up", backend, latencyMs: elapsedMs(started) };
  } catch (err) {
    return { status: "down", backend, latencyMs: null, detail: errorMessage(err) };
  }
}
