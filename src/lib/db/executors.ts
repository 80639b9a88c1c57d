// SqlExecutor adapters for the two drivers, used by the migrator and schema checks (never by app queries).
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { SqlExecutor } from "./migrate";

export function pgExecutor(client: pg.Client | pg.PoolClient): SqlExecutor {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params as unknown[])).rows as T[],
    exec: async (sql: string) => {
      // Without parameters node-postgres uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params as unknown[])).rows,
    exec: async (sql: string) => {
      await db.exec(sql);
    },
  };
}
