// The app's own singletons (getDb, cache, storage, queue) configured through the environment: a fresh
// Postgres schema when DATABASE_URL is set, else PGlite in a temp DATA_DIR; artifacts in that temp dir;
// memory cache; in-process queue; market data from the shipped set only; the three fast models.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { closeTrainPool } from "@/server/training/train-pool";
import { issueAccessToken } from "@/server/auth/tokens";
import { openTestDatabase, realPostgresUrl, type TestDatabase } from "../../support/test-db";

export const FAST_MODELS = ["naive", "drift", "arima"] as const;

export interface PredictionsTestEnv {
  dataDir: string;
  teardown(): Promise<void>;
}

export async function setUpPredictionsEnv({ env = {} }: { env?: Record<string, string> } = {}): Promise<PredictionsTestEnv> {
  const saved = { ...process.env };
  const dataDir = mkdtempSync(join(tmpdir(), "stock-hub-predictions-"));
  for (const k of [
    "INNGEST_EVENT_KEY",
    "INNGEST_DEV",
    "ALPHA_VANTAGE_API_KEY",
    "FINNHUB_API_KEY",
    "POLYGON_API_KEY",
    "REDIS_URL",
    "UPSTASH_REDIS_REST_URL",
    "MODELS_BUCKET",
    "MODELS_DIR",
    "MARKET_DATA_DIR",
  ]) {
    delete process.env[k];
  }
  process.env.DATA_DIR = dataDir;
  process.env.FORECAST_MODELS = FAST_MODELS.join(",");
  process.env.MODEL_VERSION = "v1";
  let pg: TestDatabase | undefined;
  const url = realPostgresUrl();
  if (url) {
    pg = await openTestDatabase({ migrate: false });
    const u = new URL(url);
    u.searchParams.set("schema", pg.schema);
    process.env.DATABASE_URL = u.toString();
  }
  Object.assign(process.env, env);
  await resetServicesForTests();
  await getDb();
  return {
    dataDir,
    async teardown() {
      await resetServicesForTests();
      await closeTrainPool();
      await pg?.close();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      await resetServicesForTests();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A real user row and a bearer token for it. */
export async function signedInUser(tag: string, { role = "user" }: { role?: "user" | "admin" } = {}): Promise<{ id: string; token: string }> {
  const db = await getDb();
  const user = await db.user.create({
    data: { email: `${tag}@example.com`, username: tag, passwordHash: "$2a$12$".padEnd(60, "x"), role },
  });
  const { token } = await issueAccessToken({ userId: user.id, role });
  return { id: user.id, token };
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function call(
  handler: Handler,
  { method = "GET", path, params = {}, headers = {}, body }: { method?: string; path: string; params?: Record<string, string>; headers?: Record<string, string>; body?: unknown },
): Promise<{ status: number; json: any; headers: Headers }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const req = new NextRequest(`http://localhost:3000${path}`, {
    method,
    body: text,
    headers: { ...(text ? { "content-type": "application/json" } : {}), ...headers },
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const raw = await res.text();
  return { status: res.status, json: raw ? JSON.parse(raw) : null, headers: res.headers };
}
