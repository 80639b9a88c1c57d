// The embedded shape's database (PGlite in DATA_DIR) cannot be opened (a damaged folder): routes that need it
// answer 503 with Retry-After, not 500, and public market routes keep serving requests that carry a token,
// as anonymous within the IP's limits. After a failed open, requests fail fast for a cool-down before one tries
// again, and once the folder can be opened the database is used. The Postgres shape's outage is
// tests/integration/api/database-down.test.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as modelRoutes from "@/app/api/models/[symbol]/route";
import * as predictionRoutes from "@/app/api/predictions/[symbol]/route";
import * as statusRoutes from "@/app/api/status/route";
import * as stockRoutes from "@/app/api/stock/[symbol]/route";
import { EMBEDDED_OPEN_COOL_DOWN_MS, getDb } from "@/lib/db";
import { openDatabase } from "@/lib/db/connect";
import { resetServicesForTests } from "@/lib/services";
import { issueAccessToken } from "@/server/auth/tokens";
import { call, randomIp } from "../auth/auth-test-env";

// Every attempt to open the database, counted.
vi.mock("@/lib/db/connect", async (importOriginal) => {
  const connect = await importOriginal<typeof import("@/lib/db/connect")>();
  return { ...connect, openDatabase: vi.fn(connect.openDatabase) };
});
const openAttempts = () => vi.mocked(openDatabase).mock.calls.length;

const saved = { ...process.env };
let dir: string;
let healthy: string;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "stock-hub-broken-db-"));
  // A PGlite folder PGlite cannot start from.
  mkdirSync(join(dir, "pglite"));
  writeFileSync(join(dir, "pglite", "PG_VERSION"), "99\n");
  delete process.env.DATABASE_URL;
  delete process.env.REDIS_URL;
  delete process.env.UPSTASH_REDIS_REST_URL;
  // A token carries the account's session epoch, read from the database: it is issued while a healthy folder is
  // configured, with a fixed secret (the embedded one lives in the data folder), before the broken one is.
  healthy = mkdtempSync(join(tmpdir(), "stock-hub-healthy-db-"));
  Object.assign(process.env, { DATA_DIR: healthy, JWT_SECRET: "embedded-database-down-test-secret-0123456789", TRUSTED_PROXY: "1", RATE_LIMIT_ANON_PER_MIN: "40" });
  await resetServicesForTests();
  token = (await issueAccessToken({ userId: "cxxxxxxxxxxxxxxxxxxxxxxxx", role: "user" })).token;
  process.env.DATA_DIR = dir;
  await resetServicesForTests();
});

afterAll(async () => {
  await resetServicesForTests();
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  await resetServicesForTests();
  rmSync(dir, { recursive: true, force: true });
  rmSync(healthy, { recursive: true, force: true });
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

  // Last: it repairs the folder.
  it("after a failed open, 30 requests within the cool-down make no new attempt; after it, one opens the repaired database", async () => {
    await resetServicesForTests(); // forget the earlier tests' failure: this one starts from a first attempt
    const before = openAttempts();
    expect503(await call(loginRoutes.POST, { method: "POST", body: { login: "dora", password: "violet-kettle-tulip-9" }, headers: ip() }));
    expect(openAttempts()).toBe(before + 1);
    const routes = [
      () => call(loginRoutes.POST, { method: "POST", body: { login: "dora", password: "violet-kettle-tulip-9" }, headers: ip() }),
      () => call(modelRoutes.GET, { params: { symbol: "AAPL" }, headers: ip() }),
      () => call(predictionRoutes.GET, { params: { symbol: "AAPL" }, headers: { authorization: `Bearer ${token}`, ...ip() } }),
    ];
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => routes[i % routes.length]()));
    for (const r of answers) expect503(r);
    expect((await call(statusRoutes.GET, { headers: ip() })).json.components.database.status).toBe("down");
    expect(openAttempts()).toBe(before + 1);

    // Repaired (PGlite starts a new database in an empty folder), but still within the cool-down: not tried yet.
    rmSync(join(dir, "pglite"), { recursive: true, force: true });
    expect503(await call(modelRoutes.GET, { params: { symbol: "AAPL" }, headers: ip() }));
    expect(openAttempts()).toBe(before + 1);

    await sleep(EMBEDDED_OPEN_COOL_DOWN_MS + 200);
    const login = await call(loginRoutes.POST, { method: "POST", body: { login: "dora", password: "violet-kettle-tulip-9" }, headers: ip() });
    expect(login.status, JSON.stringify(login.json)).toBe(401); // the database answered: no such account
    expect(openAttempts()).toBe(before + 2);
    const models = await call(modelRoutes.GET, { params: { symbol: "AAPL" }, headers: ip() });
    expect(models.status, JSON.stringify(models.json)).toBe(200);
    expect(openAttempts()).toBe(before + 2);
  });
});
