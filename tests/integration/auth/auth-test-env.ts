// Runs the auth routes against a real database and cache: a fresh Postgres schema when DATABASE_URL is set,
// else a PGlite folder in a temp dir; the cache is memory unless `redis` is asked for.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { openTestDatabase, realPostgresUrl } from "../../support/test-db";
import { redisUrl } from "../cache/redis-test-env";

export interface AuthTestEnv {
  teardown(): Promise<void>;
}

export async function setUpAuthTestEnv({ env = {}, redis = false }: { env?: Record<string, string>; redis?: boolean } = {}): Promise<AuthTestEnv> {
  const saved = { ...process.env };
  const pg = realPostgresUrl();
  let dir: string | undefined;
  let testDb: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  if (pg) {
    testDb = await openTestDatabase();
    const u = new URL(pg);
    u.searchParams.set("schema", testDb.schema);
    process.env.DATABASE_URL = u.toString();
  } else {
    dir = mkdtempSync(join(tmpdir(), "stock-hub-auth-"));
    process.env.DATA_DIR = dir;
  }
  if (redis) process.env.REDIS_URL = redisUrl();
  else delete process.env.REDIS_URL;
  delete process.env.UPSTASH_REDIS_REST_URL;
  Object.assign(process.env, env);
  await resetServicesForTests();
  await getDb(); // migrate before the first timed request
  return {
    async teardown() {
      await resetServicesForTests();
      await testDb?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      await resetServicesForTests();
    },
  };
}

export const randomIp = () => `10.${[0, 0, 0].map(() => randomBytes(1)[0]).join(".")}`;
export const uniqueName = (tag: string) => `${tag}_${randomBytes(4).toString("hex")}`;

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler the way Next does. */
export async function call(
  handler: Handler,
  {
    method = "GET",
    path = "/",
    body,
    rawBody,
    headers = {},
    params = {},
  }: { method?: string; path?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: Record<string, string> },
): Promise<{ status: number; json: any; headers: Headers }> {
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const req = new NextRequest(`http://localhost:3000${path}`, {
    method,
    body: text,
    headers: { ...(text !== undefined ? { "content-type": "application/json" } : {}), ...headers },
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const raw = await res.text();
  let json: unknown = null;
  try {
    json = raw ? JSON.parse(raw) : null;
  } catch {
    json = raw;
  }
  return { status: res.status, json, headers: res.headers };
}
