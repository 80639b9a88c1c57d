// A password reset ends every session: the operator's reset (`npm run admin:create` on an existing email, through
// ensureAdmin) and any later reset or change (revokeUserSessions) make the user's old bearer tokens and session
// cookies worthless at once, while API keys (separate credentials) keep working and a new sign-in works.
import type { AuthOptions } from "next-auth";
import { encode, type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as keyRoutes from "@/app/api/keys/route";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as meRoutes from "@/app/api/auth/me/route";
import * as registerRoutes from "@/app/api/auth/register/route";
import { getEnv } from "@/env";
import { getAuthOptions } from "@/server/auth/next-auth-options";
import { revokeUserSessions, sessionEpoch } from "@/server/auth/session-epochs";
import { ensureAdmin } from "@/server/auth/users";
import { call, randomIp, setUpAuthTestEnv, uniqueName, type AuthTestEnv } from "./auth-test-env";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", RATE_LIMIT_AUTH_PER_MIN: "1000", RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: "1000" } });
});
afterAll(async () => env?.teardown());

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const COOKIE = "next-auth.session-token";

async function register(tag: string) {
  const username = uniqueName(tag);
  const email = `${username}@example.com`;
  const password = `violet-kettle-${username.length}-${Date.now()}`;
  const r = await call(registerRoutes.POST, { method: "POST", body: { email, username, password }, headers: { "x-forwarded-for": randomIp() } });
  expect(r.status).toBe(201);
  return { username, email, password, token: r.json.access_token as string, id: r.json.user.id as string };
}

/** A session cookie as next-auth writes it at sign-in (the jwt callback stores the epoch as `sv`). */
async function sessionCookie(user: { id: string; username: string }) {
  const value = await encode({ token: { sub: user.id, role: "user", username: user.username, sv: await sessionEpoch({ userId: user.id }) }, secret: getEnv().secrets.nextAuth });
  return { cookie: `${COOKIE}=${value}` };
}

const me = (headers: Record<string, string>) => call(meRoutes.GET, { path: "/api/auth/me", headers });
// next-auth's route cannot run outside a Next request scope; its jwt callback is what decides.
const jwtCallback = (token: JWT) => getAuthOptions().callbacks!.jwt!({ token } as Parameters<NonNullable<NonNullable<AuthOptions["callbacks"]>["jwt"]>>[0]);

describe("revoking a user's sessions", () => {
  it("an operator's password reset (admin:create on the same email) refuses the old token and cookie; API keys and a new sign-in work", async () => {
    const u = await register("reset");
    const cookie = await sessionCookie(u);
    const key = (await call(keyRoutes.POST, { method: "POST", body: { name: "ci" }, headers: bearer(u.token) })).json.key as string;
    expect((await me(bearer(u.token))).status).toBe(200);
    expect((await me(cookie)).json.user.id).toBe(u.id);
    const token = { sub: u.id, role: "user" as const, sv: 0 };
    expect(await jwtCallback(token)).toMatchObject({ sub: u.id });

    const newPassword = `new-harbour-lamp-${Date.now()}`;
    const { created } = await ensureAdmin({ email: u.email, username: u.username, password: newPassword });
    expect(created).toBe(false);

    const old = await me(bearer(u.token));
    expect(old.status).toBe(401);
    expect(old.json.error.code).toBe("unauthorized");
    expect((await me(cookie)).status).toBe(401);
    // The pages' session (getServerSession runs the jwt callback on every read): it refuses the cookie, and
    // next-auth answers no session and clears the cookie.
    await expect(jwtCallback(token)).rejects.toThrow("Session revoked");
    // The API key is the user's own credential, not a session.
    expect((await me({ "x-api-key": key })).json.user.id).toBe(u.id);

    const login = await call(loginRoutes.POST, { method: "POST", body: { login: u.username, password: newPassword }, headers: { "x-forwarded-for": randomIp() } });
    expect(login.status).toBe(200);
    const fresh = await me(bearer(login.json.access_token));
    expect(fresh.status).toBe(200);
    expect(fresh.json.user.role).toBe("admin");
    expect((await me(await sessionCookie(u))).status).toBe(200);
  });

  it("revokeUserSessions (the call a password change or reset makes) ends that user's tokens only, and raises the epoch each time", async () => {
    const a = await register("alice");
    const b = await register("bob");
    expect(await sessionEpoch({ userId: a.id })).toBe(0);
    expect(await revokeUserSessions({ userId: a.id })).toBe(1);
    expect((await me(bearer(a.token))).status).toBe(401);
    expect((await me(bearer(b.token))).status).toBe(200);

    const second = await call(loginRoutes.POST, { method: "POST", body: { login: a.username, password: a.password }, headers: { "x-forwarded-for": randomIp() } });
    expect((await me(bearer(second.json.access_token))).status).toBe(200);
    expect(await revokeUserSessions({ userId: a.id })).toBe(2);
    expect((await me(bearer(second.json.access_token))).status).toBe(401);
  });
});
