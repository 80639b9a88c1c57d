// Vitest global setup: with DATABASE_URL unset, use the PostgreSQL a developer usually has on
// 127.0.0.1:5432 (user postgres, database test) when it answers, so `npm test` runs the suite that needs
// the real server (the database-down test cuts a proxy in front of it) on a fresh machine too. When none
// answers the rest runs on PGlite and that test fails with what to set. CI sets DATABASE_URL itself.
import pg from "pg";

export const LOCAL_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test";

export async function setup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const client = new pg.Client({ connectionString: LOCAL_POSTGRES_URL, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    // Workers start after global setup and inherit this.
    process.env.DATABASE_URL = LOCAL_POSTGRES_URL;
    console.log(`[tests] DATABASE_URL unset: using the PostgreSQL answering at ${LOCAL_POSTGRES_URL}`);
  } catch {
    console.warn(`[tests] DATABASE_URL unset and no PostgreSQL at ${LOCAL_POSTGRES_URL}: tests run on PGlite, and the database-down test fails until DATABASE_URL is set`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
