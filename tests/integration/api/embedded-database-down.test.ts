// The embedded shape's database (PGlite in DATA_DIR) cannot be opened (a damaged folder): routes that need it
// answer 503 with Retry-After, not 500, and public market routes keep serving requests that carry a token,
// as anonymous within the IP's limits. The Postgres shape's outage is tests/integration/api/database-down.test.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as modelRoutes from "@/app/api/models/[symbol]/route";
import * as predictionRoutes from "@/app/api/predictions/[symbol]/route";
import * as statusRoutes from "@/app/api/status/route";
import * as stockRoutes from "@/app/api/stock/[symbol]/route";
import { getDb } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { issueAccessToken } from "@/server/auth/tokens";
import { call, randomIp } from "../auth/auth-test-env";

const saved = { ...process.env };
let dir: string;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "stock-hub-broken-db-"));
  // A PGlite folder PGlite cannot start from.
  mkdirSync(join(dir, "pglite"));
  writeFileSync(join(dir, "pglite", "PG_VERSION"), "99\n");
  delete process.env.DATABASE_URL;
  delete process.env.REDIS_URL;
  delete process.env.UPSTASH_REDIS_REST_URL;
  Object.assign(process.env, { DATA_DIR: dir, TRUSTED_PROXY: "1", RATE_LIMIT_ANON_PER_MIN: "40" });
  await resetServicesForTests();
  token = (await issueAccessToken({ userId: "cxxxxxxxxxxxxxxxxxxxxxxxx", role: "user" })).token;
});

afterAll(async () => {
  await resetServicesForTests();
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  await resetServicesForTests();
  rmSync(dir, { recursive: true, force: true });
});

const ip = () => ({ "x-forwarded-for": randomIp() });

function expect503(r: { status: number; json: any; headers: Headers }) {
  expect(r.status, JSON.stringify(r.json)).toBe(503);
  expect(r.json.error.code).toBe("unavailable");
  expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(JSON.stringify(r.json)).not.toMatch(/PGlite|pglite|\/tmp\/|Aborted/);
}

describe("embedded database cannot be opened", () => {
  it("really cannot: opening it fails", async () => {
    await expect(getDb()).rejects.toThrow();
  });

  it("login, models and predictions answer 503 with Retry-After", async () => {
    expect503(await call(loginRoutes.POST, { method: "POST", body: { login: "dora", password: "violet-kettle-tulip-9" }, headers: ip() }));
    expect503(await call(modelRoutes.GET, { params: { symbol: "AAPL" }, headers: ip() }));
    expect503(await call(predictionRoutes.GET, { params: { symbol: "AAPL" }, headers: { authorization: `Bearer ${token}`, ...ip() } }));
  });

  it("a public market route still answers 200 to a request with a bearer token, at the IP's anonymous limit", async () => {
    const r = await call(stockRoutes.GET, { params: { symbol: "AAPL" }, headers: { authorization: `Bearer ${token}`, ...ip() } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ symbol: "AAPL", source: "shipped" });
    expect(r.headers.get("x-ratelimit-limit")).toBe("40");
  });

  it("/api/status says the database is down without the driver's text or the folder to anonymous callers", async () => {
    const r = await call(statusRoutes.GET, { headers: ip() });
    expect(r.status).toBe(503);
    expect(r.json.components.database).toMatchObject({ status: "down", detail: "unavailable" });
    expect(JSON.stringify(r.json)).not.toMatch(/PGlite failed|\/tmp\/|stock-hub-broken-db/);
  });
});
