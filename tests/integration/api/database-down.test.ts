// Postgres down mid-run, through a TCP proxy in front of the real server that the test cuts: routes that
// need the database answer 503 with Retry-After (not 500), public market routes keep serving requests that
// carry a token or a key (as anonymous, within the IP's limits), and /api/status tells anonymous callers
// "down" without driver errors, host:port or paths while an admin sees the detail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as registerRoutes from "@/app/api/auth/register/route";
import * as jobRoutes from "@/app/api/jobs/[id]/route";
import * as keyRoutes from "@/app/api/keys/route";
import * as modelRoutes from "@/app/api/models/[symbol]/route";
import * as predictionRoutes from "@/app/api/predictions/[symbol]/route";
import * as statusRoutes from "@/app/api/status/route";
import * as stockRoutes from "@/app/api/stock/[symbol]/route";
import * as trainRoutes from "@/app/api/train/route";
import { getDb } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { call, randomIp } from "../auth/auth-test-env";
import { startTcpProxy } from "../../support/tcp-proxy";
import { openTestDatabase, realPostgresUrl, type TestDatabase } from "../../support/test-db";

const ADMIN_KEY = "admin-key-for-db-down-tests-0123456789abcdef";
let testDb: TestDatabase;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let token: string;
let key: string;
const saved = { ...process.env };

beforeAll(async () => {
  const pg = realPostgresUrl();
  if (!pg) throw new Error("this test needs the real Postgres: set DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)");
  testDb = await openTestDatabase();
  const target = new URL(pg);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(pg);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  viaProxy.searchParams.set("schema", testDb.schema);
  Object.assign(process.env, { DATABASE_URL: viaProxy.toString(), ADMIN_API_KEY: ADMIN_KEY, TRUSTED_PROXY: "1", RATE_LIMIT_ANON_PER_MIN: "50" });
  delete process.env.REDIS_URL;
  delete process.env.UPSTASH_REDIS_REST_URL;
  await resetServicesForTests();
  await getDb();
  const reg = await call(registerRoutes.POST, { method: "POST", body: { email: "dora@example.com", username: "dora", password: "violet-kettle-tulip-9" }, headers: { "x-forwarded-for": randomIp() } });
  expect(reg.status).toBe(201);
  token = reg.json.access_token;
  key = (await call(keyRoutes.POST, { method: "POST", body: { name: "dora" }, headers: { authorization: `Bearer ${token}` } })).json.key;
  // Nothing about these credentials is cached: resolving them needs the database.
  await resetServicesForTests({ keep: ["db"] });
  await proxy.stop();
});

afterAll(async () => {
  await resetServicesForTests();
  await testDb?.close();
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  await resetServicesForTests();
});

const ip = () => ({ "x-forwarded-for": randomIp() });

function expect503(r: { status: number; json: any; headers: Headers }) {
  expect(r.status, JSON.stringify(r.json)).toBe(503);
  expect(r.json.error.code).toBe("unavailable");
  expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(JSON.stringify(r.json)).not.toMatch(/127\.0\.0\.1|5432|ECONN|P1001|\/work\//);
}

describe("database down", () => {
  it("login, register, keys, models, jobs, predictions and train answer 503 with Retry-After", async () => {
    expect503(await call(loginRoutes.POST, { method: "POST", body: { login: "dora", password: "violet-kettle-tulip-9" }, headers: ip() }));
    expect503(await call(registerRoutes.POST, { method: "POST", body: { email: "eli@example.com", username: "eli", password: "violet-kettle-tulip-8" }, headers: ip() }));
    expect503(await call(keyRoutes.GET, { headers: { authorization: `Bearer ${token}`, ...ip() } }));
    expect503(await call(modelRoutes.GET, { params: { symbol: "AAPL" }, headers: ip() }));
    expect503(await call(jobRoutes.GET, { params: { id: "clxxxxxxxxxxxxxxxxxxxxxxx" }, headers: { "x-api-key": ADMIN_KEY, ...ip() } }));
    expect503(await call(predictionRoutes.GET, { params: { symbol: "AAPL" }, headers: { "x-api-key": ADMIN_KEY, ...ip() } }));
    expect503(await call(trainRoutes.POST, { method: "POST", body: { symbols: ["AAPL"] }, headers: { "x-api-key": ADMIN_KEY, ...ip() } }));
  });

  it("public market routes still answer 200 to requests with a bearer token or an API key, at the IP's anonymous limit", async () => {
    for (const headers of [{ authorization: `Bearer ${token}` }, { "x-api-key": key }] as Record<string, string>[]) {
      const r = await call(stockRoutes.GET, { params: { symbol: "AAPL" }, headers: { ...headers, ...ip() } });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      expect(r.json).toMatchObject({ symbol: "AAPL", source: "shipped" });
      expect(r.headers.get("x-ratelimit-limit")).toBe("50");
    }
  });

  it("/api/status is 503 'down' without internal detail for anonymous callers; an admin sees the detail", async () => {
    const anon = await call(statusRoutes.GET, { headers: ip() });
    expect(anon.status).toBe(503);
    expect(anon.json.status).toBe("down");
    expect(anon.json.components.database).toMatchObject({ status: "down", detail: "unavailable" });
    expect(JSON.stringify(anon.json)).not.toMatch(/127\.0\.0\.1|:\d{4,5}\b|ECONN|P1001|\/work\/|\/tmp\/|data\//);

    const admin = await call(statusRoutes.GET, { headers: { "x-api-key": ADMIN_KEY, ...ip() } });
    expect(admin.status).toBe(503);
    expect(admin.json.components.database.detail).not.toBe("unavailable");
    expect(admin.json.components.database.detail.length).toBeGreaterThan(0);
  });
});
