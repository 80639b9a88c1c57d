import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as keyRoutes from "@/app/api/keys/route";
import * as keyIdRoutes from "@/app/api/keys/[id]/route";
import * as adminKeyRoutes from "@/app/api/admin/keys/[id]/route";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as logoutRoutes from "@/app/api/auth/logout/route";
import * as meRoutes from "@/app/api/auth/me/route";
import * as registerRoutes from "@/app/api/auth/register/route";
import * as verifyRoutes from "@/app/api/auth/verify/route";
import { getEnv } from "@/env";
import { resetServicesForTests } from "@/lib/services";
import { getDb } from "@/lib/db";
import { route } from "@/server/route";
import { hashApiKey } from "@/server/auth/api-keys";
import { ensureAdmin } from "@/server/auth/users";
import { call, randomIp, setUpAuthTestEnv, uniqueName, type AuthTestEnv } from "./auth-test-env";

const ADMIN_KEY = "admin-key-for-tests-0123456789abcdef";
let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", ADMIN_API_KEY: ADMIN_KEY } });
});
afterAll(async () => env?.teardown());

const ip = () => ({ "x-forwarded-for": randomIp() });
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

async function register(tag: string) {
  const username = uniqueName(tag);
  const password = `violet-kettle-${username.length}-${Date.now()}`;
  const r = await call(registerRoutes.POST, { method: "POST", body: { email: `${username}@example.com`, username, password }, headers: ip() });
  expect(r.status).toBe(201);
  return { username, email: `${username}@example.com`, password, token: r.json.access_token as string, id: r.json.user.id as string };
}

describe("register and login", () => {
  it("registers, stores only a bcrypt hash, and returns a bearer token", async () => {
    const u = await register("ada");
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(row.role).toBe("user");
    const me = await call(meRoutes.GET, { headers: bearer(u.token) });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ id: u.id, username: u.username, email: u.email, role: "user" });
    expect(me.json.user.passwordHash).toBeUndefined();
    expect(me.json.via).toBe("jwt");
  });

  it("login by email or username returns { access_token, token_type: bearer, expires_at }", async () => {
    const u = await register("bob");
    for (const login of [u.email.toUpperCase(), u.username]) {
      const r = await call(loginRoutes.POST, { method: "POST", body: { login, password: u.password }, headers: ip() });
      expect(r.status).toBe(200);
      expect(r.json.token_type).toBe("bearer");
      const exp = Date.parse(r.json.expires_at);
      expect(exp - Date.now()).toBeGreaterThan((getEnv().ACCESS_TOKEN_EXPIRE_MINUTES - 1) * 60_000);
      const v = await call(verifyRoutes.GET, { headers: bearer(r.json.access_token) });
      expect(v.json).toMatchObject({ valid: true, user: { id: u.id } });
    }
  });

  it("fails uniformly for a wrong password and an unknown account", async () => {
    const u = await register("cy");
    const wrong = await call(loginRoutes.POST, { method: "POST", body: { login: u.email, password: "not-the-password" }, headers: ip() });
    const unknown = await call(loginRoutes.POST, { method: "POST", body: { login: `nobody_${u.email}`, password: "not-the-password" }, headers: ip() });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual(unknown.json);
    expect(wrong.json).toEqual({ error: { code: "unauthorized", message: "Invalid credentials" } });
  });

  it("a taken email or username gives the same 409 that does not say which", async () => {
    const u = await register("dee");
    const byEmail = await call(registerRoutes.POST, {
      method: "POST",
      body: { email: u.email, username: uniqueName("other"), password: "violet-kettle-77" },
      headers: ip(),
    });
    const byName = await call(registerRoutes.POST, {
      method: "POST",
      body: { email: `x${u.email}`, username: u.username, password: "violet-kettle-77" },
      headers: ip(),
    });
    expect(byEmail.status).toBe(409);
    expect(byEmail.json).toEqual(byName.json);
  });

  it("logout revokes the bearer token and clears the session cookie", async () => {
    const u = await register("eve");
    const out = await call(logoutRoutes.POST, { method: "POST", headers: { ...bearer(u.token), cookie: "next-auth.session-token=abc" } });
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ revoked_token: true });
    expect(out.headers.get("set-cookie")).toMatch(/next-auth\.session-token=;.*Max-Age=0/i);
    expect((await call(meRoutes.GET, { headers: bearer(u.token) })).status).toBe(401);
  });
});

describe("API keys", () => {
  it("create -> use (counts usage) -> list -> revoke -> 401, with the key shown once and stored hashed", async () => {
    const u = await register("kim");
    const created = await call(keyRoutes.POST, { method: "POST", body: { name: "notebook" }, headers: bearer(u.token) });
    expect(created.status).toBe(201);
    const key: string = created.json.key;
    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(created.json.apiKey).toMatchObject({ name: "notebook", tier: "default", prefix: key.slice(0, 12), usageCount: 0 });
    // Tiers above default are an admin's grant.
    const granted = await call(adminKeyRoutes.PATCH, { method: "PATCH", body: { tier: "premium" }, headers: { "x-api-key": ADMIN_KEY }, params: { id: created.json.apiKey.id } });
    expect(granted.status).toBe(200);

    const row = await (await getDb()).apiKey.findUniqueOrThrow({ where: { id: created.json.apiKey.id } });
    expect(row.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key);

    for (const headers of [{ "x-api-key": key }, bearer(key), { "x-api-key": key }]) {
      const me = await call(meRoutes.GET, { headers });
      expect(me.status).toBe(200);
      expect(me.json).toMatchObject({ via: "api_key", tier: "premium", api_key_id: created.json.apiKey.id, user: { id: u.id } });
      expect(me.headers.get("x-ratelimit-limit")).toBe("1000");
    }

    const list = await call(keyRoutes.GET, { headers: bearer(u.token) });
    expect(list.json.keys).toHaveLength(1);
    expect(list.json.keys[0].usageCount).toBe(3);
    expect(Date.parse(list.json.keys[0].lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(list.json)).not.toContain(key);

    const revoked = await call(keyIdRoutes.DELETE, { method: "DELETE", headers: bearer(u.token), params: { id: created.json.apiKey.id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json.apiKey.revokedAt).not.toBeNull();
    const after = await call(meRoutes.GET, { headers: { "x-api-key": key } });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe("unauthorized");
  });

  it("users cannot revoke someone else's key, create admin-tier keys, or manage keys with a key", async () => {
    const a = await register("own");
    const b = await register("thief");
    const created = await call(keyRoutes.POST, { method: "POST", body: { name: "mine" }, headers: bearer(a.token) });
    const id = created.json.apiKey.id;
    expect((await call(keyIdRoutes.DELETE, { method: "DELETE", headers: bearer(b.token), params: { id } })).status).toBe(404);
    expect((await call(keyRoutes.POST, { method: "POST", body: { name: "root", tier: "admin" }, headers: bearer(a.token) })).status).toBe(403);
    const withKey = await call(keyRoutes.POST, { method: "POST", body: { name: "more" }, headers: { "x-api-key": created.json.key } });
    expect(withKey.status).toBe(403);
    const rows = await (await getDb()).apiKey.findMany({ where: { userId: a.id } });
    expect(rows.map((r) => [r.name, r.revokedAt])).toEqual([["mine", null]]);
  });

  it("a made-up key of the right shape is 401; the admin key works and a near miss does not", async () => {
    expect((await call(meRoutes.GET, { headers: { "x-api-key": `sk_${"A".repeat(43)}` } })).status).toBe(401);
    const admin = await call(meRoutes.GET, { headers: { "x-api-key": ADMIN_KEY } });
    expect(admin.status).toBe(200);
    expect(admin.json).toMatchObject({ user: null, role: "admin", via: "admin_key" });
    expect(admin.headers.get("x-ratelimit-limit")).toBe("10000");
    expect((await call(meRoutes.GET, { headers: bearer(ADMIN_KEY) })).json.via).toBe("admin_key");
    expect((await call(meRoutes.GET, { headers: { "x-api-key": `${ADMIN_KEY}x` } })).status).toBe(401);
  });
});

describe("session cookie", () => {
  const sessionCookie = async (sub: string) =>
    `next-auth.session-token=${await encode({ token: { sub, role: "user" }, secret: getEnv().secrets.nextAuth })}`;

  it("authenticates same-origin calls and refuses state changes from another origin", async () => {
    const u = await register("sue");
    const cookie = await sessionCookie(u.id);
    const me = await call(meRoutes.GET, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ via: "session", user: { id: u.id } });

    const same = await call(keyRoutes.POST, { method: "POST", body: { name: "web" }, headers: { cookie, origin: "http://localhost:3000" } });
    expect(same.status).toBe(201);
    const cross = await call(keyRoutes.POST, { method: "POST", body: { name: "csrf" }, headers: { cookie, origin: "https://evil.example" } });
    expect(cross.status).toBe(403);
    const names = (await (await getDb()).apiKey.findMany({ where: { userId: u.id } })).map((k) => k.name);
    expect(names).toEqual(["web"]);
  });

  it("a cookie for a deleted user or signed with another secret is anonymous", async () => {
    const u = await register("gone");
    const cookie = await sessionCookie(u.id);
    await (await getDb()).user.delete({ where: { id: u.id } });
    expect((await call(meRoutes.GET, { headers: { cookie } })).status).toBe(401);
    const forged = `next-auth.session-token=${await encode({ token: { sub: u.id }, secret: "some-other-secret-some-other-secret" })}`;
    expect((await call(meRoutes.GET, { headers: { cookie: forged } })).status).toBe(401);
  });
});

describe("admin-only routes", () => {
  const adminRoute = route({ name: "/test/admin", auth: "admin" }, async ({ principal }) => ({ via: principal?.via }));

  it("accept ADMIN_API_KEY and admins' tokens and keys; refuse users (403) and anonymous callers (401)", async () => {
    const plain = await register("pleb");
    const boss = await register("boss");
    await ensureAdmin({ email: boss.email, username: boss.username, password: boss.password });
    expect((await call(adminRoute, { headers: { "x-api-key": ADMIN_KEY } })).json).toEqual({ via: "admin_key" });
    // The promotion reset the password, which ended the old token: the new admin signs in again.
    expect((await call(adminRoute, { headers: bearer(boss.token) })).status).toBe(401);
    boss.token = (await call(loginRoutes.POST, { method: "POST", body: { login: boss.username, password: boss.password }, headers: ip() })).json.access_token;
    expect((await call(adminRoute, { headers: bearer(boss.token) })).json).toEqual({ via: "jwt" });
    expect((await call(adminRoute, { headers: bearer(plain.token) })).status).toBe(403);
    expect((await call(adminRoute, {})).status).toBe(401);

    const adminKey = await call(keyRoutes.POST, { method: "POST", body: { name: "ops", tier: "admin" }, headers: bearer(boss.token) });
    expect(adminKey.status).toBe(201);
    const viaKey = await call(adminRoute, { headers: { "x-api-key": adminKey.json.key } });
    expect(viaKey.json).toEqual({ via: "api_key" });
    expect(viaKey.headers.get("x-ratelimit-limit")).toBe("10000");

    // Demoted: the admin-tier key falls back to the default tier and loses admin access.
    await (await getDb()).user.update({ where: { id: boss.id }, data: { role: "user" } });
    // Resolved keys are cached for 30 s; a role changed outside the app is seen once that entry expires.
    await resetServicesForTests({ keep: ["db"] });
    const demoted = await call(meRoutes.GET, { headers: { "x-api-key": adminKey.json.key } });
    expect(demoted.json).toMatchObject({ role: "user", tier: "default" });
    expect(demoted.headers.get("x-ratelimit-limit")).toBe("100");
    expect((await call(adminRoute, { headers: { "x-api-key": adminKey.json.key } })).status).toBe(403);
  });
});

describe("CORS on the auth routes", () => {
  it("answers configured origins with credentials allowed and gives other origins nothing", async () => {
    const allowed = getEnv().CORS_ORIGIN_LOCAL;
    const ok = await call(meRoutes.OPTIONS as never, { method: "OPTIONS", headers: { origin: allowed } });
    expect(ok.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(ok.headers.get("access-control-allow-credentials")).toBe("true");
    for (const origin of ["https://evil.example", "null", `${allowed}.evil.example`]) {
      const pre = await call(loginRoutes.OPTIONS as never, { method: "OPTIONS", headers: { origin } });
      const res = await call(meRoutes.GET, { headers: { origin, "x-api-key": ADMIN_KEY } });
      for (const h of [pre.headers, res.headers]) {
        expect(h.get("access-control-allow-origin")).toBeNull();
        expect(h.get("access-control-allow-credentials")).toBeNull();
      }
    }
  });
});
