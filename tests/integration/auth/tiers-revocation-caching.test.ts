// Key tiers are an admin's grant, logouts survive a restart, resolved credentials are cached but a
// revocation or a tier change applies at once, key usage is written in batches, and credential-bearing
// responses are never stored by caches.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as adminKeyRoutes from "@/app/api/admin/keys/[id]/route";
import * as adminKeysRoutes from "@/app/api/admin/keys/route";
import * as keyIdRoutes from "@/app/api/keys/[id]/route";
import * as keyRoutes from "@/app/api/keys/route";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as logoutRoutes from "@/app/api/auth/logout/route";
import * as meRoutes from "@/app/api/auth/me/route";
import * as registerRoutes from "@/app/api/auth/register/route";
import * as stockRoutes from "@/app/api/stock/[symbol]/route";
import { resetServicesForTests } from "@/lib/services";
import { getDb } from "@/lib/db";
import { pruneRevocations } from "@/server/auth/tokens";
import { call, randomIp, setUpAuthTestEnv, uniqueName, type AuthTestEnv } from "./auth-test-env";

const ADMIN_KEY = "admin-key-for-tier-tests-0123456789abcdef";
let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", ADMIN_API_KEY: ADMIN_KEY, RATE_LIMIT_AUTH_PER_MIN: "1000" } });
});
afterAll(async () => env?.teardown());

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const admin = { "x-api-key": ADMIN_KEY };

async function register(tag: string) {
  const username = uniqueName(tag);
  const password = `violet-kettle-${username.length}-${Date.now()}`;
  const r = await call(registerRoutes.POST, { method: "POST", body: { email: `${username}@example.com`, username, password }, headers: { "x-forwarded-for": randomIp() } });
  expect(r.status).toBe(201);
  expect(r.headers.get("cache-control")).toBe("no-store");
  return { username, password, token: r.json.access_token as string, id: r.json.user.id as string };
}

describe("key tiers", () => {
  it("a user gets 403 for a premium or admin key; an admin grants premium and the key's next request has it", async () => {
    const u = await register("tier");
    for (const tier of ["premium", "admin"]) {
      const r = await call(keyRoutes.POST, { method: "POST", body: { name: `want-${tier}`, tier }, headers: bearer(u.token) });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe("forbidden");
    }
    const created = await call(keyRoutes.POST, { method: "POST", body: { name: "plain" }, headers: bearer(u.token) });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const key = created.json.key as string;
    const id = created.json.apiKey.id as string;

    // Resolve once so the key sits in the principal cache at the default tier.
    const before = await call(meRoutes.GET, { headers: { "x-api-key": key } });
    expect(before.json.tier).toBe("default");
    expect(before.headers.get("x-ratelimit-limit")).toBe("100");

    expect((await call(adminKeyRoutes.PATCH, { method: "PATCH", body: { tier: "premium" }, headers: bearer(u.token), params: { id } })).status).toBe(403);
    const listed = await call(adminKeysRoutes.GET, { path: `/api/admin/keys?login=${u.username}`, headers: admin });
    expect(listed.status).toBe(200);
    expect(listed.json.keys.map((k: { id: string }) => k.id)).toEqual([id]);
    const granted = await call(adminKeyRoutes.PATCH, { method: "PATCH", body: { tier: "premium" }, headers: admin, params: { id } });
    expect(granted.status).toBe(200);
    expect(granted.json.apiKey.tier).toBe("premium");
    // An admin tier is only for an admin's own keys.
    expect((await call(adminKeyRoutes.PATCH, { method: "PATCH", body: { tier: "admin" }, headers: admin, params: { id } })).status).toBe(409);

    const after = await call(meRoutes.GET, { headers: { "x-api-key": key } });
    expect(after.json.tier).toBe("premium");
    expect(after.headers.get("x-ratelimit-limit")).toBe("1000");
  });
});

describe("revocation", () => {
  it("a revoked key stops at once although it was cached", async () => {
    const u = await register("revk");
    const created = await call(keyRoutes.POST, { method: "POST", body: { name: "soon-gone" }, headers: bearer(u.token) });
    const key = created.json.key as string;
    expect((await call(meRoutes.GET, { headers: { "x-api-key": key } })).status).toBe(200);
    expect((await call(keyIdRoutes.DELETE, { method: "DELETE", headers: bearer(u.token), params: { id: created.json.apiKey.id } })).status).toBe(200);
    expect((await call(meRoutes.GET, { headers: { "x-api-key": key } })).status).toBe(401);
  });

  it("a logged-out token stays refused after a restart (cache emptied), and the row is pruned once the token has expired", async () => {
    const u = await register("restart");
    expect((await call(meRoutes.GET, { headers: bearer(u.token) })).status).toBe(200);
    const out = await call(logoutRoutes.POST, { method: "POST", headers: bearer(u.token) });
    expect(out.json).toEqual({ revoked_token: true });
    expect((await call(meRoutes.GET, { headers: bearer(u.token) })).status).toBe(401);

    // A restart loses everything in memory; the revocation is in the database.
    await resetServicesForTests({ keep: ["db"] });
    expect((await call(meRoutes.GET, { headers: bearer(u.token) })).status).toBe(401);
    const db = await getDb();
    const [row] = await db.tokenRevocation.findMany({ where: { expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" }, take: 1 });
    expect(row).toBeDefined();

    // A fresh login is unaffected.
    const again = await call(loginRoutes.POST, { method: "POST", body: { login: u.username, password: u.password }, headers: { "x-forwarded-for": randomIp() } });
    expect(again.status).toBe(200);
    expect(again.headers.get("cache-control")).toBe("no-store");
    expect((await call(meRoutes.GET, { headers: bearer(again.json.access_token) })).status).toBe(200);

    expect(await pruneRevocations({ now: new Date(row!.expiresAt.getTime() + 1000) })).toBeGreaterThanOrEqual(1);
    expect(await db.tokenRevocation.findUnique({ where: { jti: row!.jti } })).toBeNull();
  });
});

describe("authenticated requests touch the database less", () => {
  it("key usage is counted in memory and written in one batch, which a key list flushes first", async () => {
    const u = await register("usage");
    const created = await call(keyRoutes.POST, { method: "POST", body: { name: "busy" }, headers: bearer(u.token) });
    const key = created.json.key as string;
    for (let i = 0; i < 5; i++) expect((await call(meRoutes.GET, { headers: { "x-api-key": key } })).status).toBe(200);
    const db = await getDb();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.json.apiKey.id } })).usageCount).toBe(0);
    const list = await call(keyRoutes.GET, { headers: bearer(u.token) });
    expect(list.json.keys[0].usageCount).toBe(5);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.json.apiKey.id } })).usageCount).toBe(5);
  });

  it("30 requests with one bearer token (10 of them at once, first) read the account and the revocation list once", async () => {
    const u = await register("bearer");
    const db = await getDb();
    const userReads = vi.spyOn(db.user, "findUnique");
    const revocationReads = vi.spyOn(db.tokenRevocation, "findUnique");
    try {
      const get = () => call(stockRoutes.GET, { params: { symbol: "AAPL" }, headers: bearer(u.token) });
      const first = await Promise.all(Array.from({ length: 10 }, get));
      expect(first.map((r) => r.status)).toEqual(Array(10).fill(200));
      for (let i = 0; i < 20; i++) expect((await get()).status).toBe(200);
      expect(userReads).toHaveBeenCalledTimes(1);
      expect(revocationReads).toHaveBeenCalledTimes(1);
    } finally {
      userReads.mockRestore();
      revocationReads.mockRestore();
    }
  });

  it("identified responses say no-store and every response varies by Origin", async () => {
    const u = await register("hdrs");
    const me = await call(meRoutes.GET, { headers: bearer(u.token) });
    expect(me.headers.get("cache-control")).toBe("no-store");
    expect(me.headers.get("vary")).toMatch(/\bOrigin\b/);
    const bad = await call(loginRoutes.POST, { method: "POST", body: { login: "carol\u0000", password: "x" }, headers: { "x-forwarded-for": randomIp() } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("bad_request");
  });
});
