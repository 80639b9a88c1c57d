// Malformed, mistyped, oversized and injection-shaped input to every auth route: always a 4xx with the
// standard error body, nothing leaked, and the stored data unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as keyIdRoutes from "@/app/api/keys/[id]/route";
import * as keyRoutes from "@/app/api/keys/route";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as logoutRoutes from "@/app/api/auth/logout/route";
import * as meRoutes from "@/app/api/auth/me/route";
import * as registerRoutes from "@/app/api/auth/register/route";
import * as verifyRoutes from "@/app/api/auth/verify/route";
import { getDb } from "@/lib/db";
import { call, randomIp, setUpAuthTestEnv, type AuthTestEnv } from "./auth-test-env";

let env: AuthTestEnv;
let token: string;
let key: string;
const owner = { email: "owner@example.com", username: "owner", password: "violet-kettle-tulip-1" };

beforeAll(async () => {
  // Limits high enough that every case reaches validation.
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", RATE_LIMIT_AUTH_PER_MIN: "10000", RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: "10000" } });
  const reg = await call(registerRoutes.POST, { method: "POST", body: owner, headers: { "x-forwarded-for": randomIp() } });
  if (reg.status !== 201) throw new Error(`owner registration failed: ${JSON.stringify(reg.json)}`);
  token = reg.json.access_token;
  key = (await call(keyRoutes.POST, { method: "POST", body: { name: "main" }, headers: { authorization: `Bearer ${token}` } })).json.key;
});
afterAll(async () => env?.teardown());

async function snapshot() {
  const db = await getDb();
  const users = await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, email: true, username: true, passwordHash: true, role: true } });
  const keys = await db.apiKey.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, tier: true, keyHash: true, revokedAt: true } });
  return { users, keys };
}

const SQLISH = ["' OR '1'='1", "admin'--", "'; DROP TABLE users; --", "1; UPDATE users SET role='admin'", "\" OR \"\"=\""];
const SCRIPTISH = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{constructor.constructor('alert(1)')()}}"];
const huge = "x".repeat(200_000);

type Case = { name: string; handler: Parameters<typeof call>[0]; method: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: Record<string, string> };

function cases(): Case[] {
  const auth = { authorization: `Bearer ${token}` };
  const out: Case[] = [];
  for (const [name, handler] of [
    ["register", registerRoutes.POST],
    ["login", loginRoutes.POST],
    ["create key", keyRoutes.POST],
  ] as const) {
    const headers = name === "create key" ? auth : {};
    out.push({ name: `${name}: malformed JSON`, handler, method: "POST", rawBody: '{"email": "a@b.co",', headers });
    out.push({ name: `${name}: JSON array`, handler, method: "POST", rawBody: "[1,2,3]", headers });
    out.push({ name: `${name}: JSON null`, handler, method: "POST", rawBody: "null", headers });
    out.push({ name: `${name}: wrong types`, handler, method: "POST", body: { email: 42, username: ["x"], password: { $ne: "" }, login: true, name: 7, tier: 1 }, headers });
    out.push({ name: `${name}: huge body`, handler, method: "POST", body: { email: `${huge}@x.co`, username: huge, password: huge, name: huge }, headers });
    out.push({ name: `${name}: prototype pollution`, handler, method: "POST", rawBody: '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"role":"admin"}}}', headers });
  }
  for (const s of [...SQLISH, ...SCRIPTISH]) {
    out.push({ name: `register: ${s}`, handler: registerRoutes.POST, method: "POST", body: { email: `${s}@example.com`, username: s, password: `${s}-long-enough` } });
    out.push({ name: `register role escalation: ${s}`, handler: registerRoutes.POST, method: "POST", body: { ...owner, email: "new@example.com", username: "newbie", role: "admin", extra: s } });
    out.push({ name: `login: ${s}`, handler: loginRoutes.POST, method: "POST", body: { login: s, password: s } });
    out.push({ name: `login as owner: ${s}`, handler: loginRoutes.POST, method: "POST", body: { login: owner.email, password: s } });
    out.push({ name: `create key: ${s}`, handler: keyRoutes.POST, method: "POST", body: { name: s, tier: s }, headers: auth });
    out.push({ name: `revoke key: ${s}`, handler: keyIdRoutes.DELETE, method: "DELETE", params: { id: s }, headers: auth });
    out.push({ name: `me with X-API-Key ${s}`, handler: meRoutes.GET, method: "GET", headers: { "x-api-key": s } });
    out.push({ name: `verify with bearer ${s}`, handler: verifyRoutes.GET, method: "GET", headers: { authorization: `Bearer ${s.replace(/\s/g, "")}` } });
  }
  out.push({ name: "me: Basic scheme", handler: meRoutes.GET, method: "GET", headers: { authorization: "Basic YWRtaW46YWRtaW4=" } });
  out.push({ name: "me: anonymous", handler: meRoutes.GET, method: "GET" });
  out.push({ name: "verify: garbage cookie", handler: verifyRoutes.GET, method: "GET", headers: { cookie: "next-auth.session-token=' OR 1=1 --" } });
  out.push({ name: "logout: forged bearer", handler: logoutRoutes.POST, method: "POST", headers: { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." } });
  out.push({ name: "keys list: revoked-shaped key", handler: keyRoutes.GET, method: "GET", headers: { "x-api-key": `sk_${"'".repeat(43)}` } });
  out.push({ name: "keys create: declared length over the cap", handler: keyRoutes.POST, method: "POST", rawBody: "{}", headers: { ...auth, "content-length": "999999999" } });
  return out;
}

describe("hostile input to the auth routes", () => {
  it("every case is a 4xx with the standard error body and no internals, and nothing stored changes", async () => {
    const before = await snapshot();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const c of cases()) {
      const r = await call(c.handler, {
        method: c.method,
        body: c.body,
        rawBody: c.rawBody,
        headers: { "x-forwarded-for": randomIp(), ...(c.headers ?? {}) },
        params: c.params,
      });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      const text = JSON.stringify(r.json);
      const wellFormed =
        r.json && typeof r.json.error?.code === "string" && typeof r.json.error?.message === "string" && Object.keys(r.json).length === 1;
      const leaks = /prisma|postgres|pglite|sql|select |insert |stack|\bat .*\.(ts|js)|node_modules/i.test(text);
      if (r.status < 400 || r.status >= 500 || !wellFormed || leaks) failures.push(`${c.name} -> ${r.status} ${text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    // Every huge body and the over-declared length.
    expect(statuses.get(413)).toBe(4);
    expect(await snapshot()).toEqual(before);
  });

  it("the owner can still sign in and the owner's key still works afterwards", async () => {
    const login = await call(loginRoutes.POST, { method: "POST", body: { login: owner.username, password: owner.password }, headers: { "x-forwarded-for": randomIp() } });
    expect(login.status).toBe(200);
    const me = await call(meRoutes.GET, { headers: { "x-api-key": key } });
    expect(me.json.user).toMatchObject({ username: "owner", role: "user" });
  });
});
