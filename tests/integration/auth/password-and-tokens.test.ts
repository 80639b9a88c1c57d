// Password change, reset by emailed link, and refresh tokens on the real database: a change or reset signs the
// account out everywhere (access tokens, refresh tokens, browser sessions); a reset link works once and for an
// hour; a reset request reveals nothing about the address; a reused refresh token revokes its whole sign-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as logoutRoutes from "@/app/api/auth/logout/route";
import * as meRoutes from "@/app/api/auth/me/route";
import * as passwordRoutes from "@/app/api/auth/password/route";
import * as refreshRoutes from "@/app/api/auth/refresh/route";
import * as resetRoutes from "@/app/api/auth/password/reset/route";
import * as resetConfirmRoutes from "@/app/api/auth/password/reset/confirm/route";
import { getDb } from "@/lib/db";
import { createLinkToken } from "@/server/auth/account-links";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { bearer, ip, lastMail, registerAccount, sessionCookie } from "../support/account-test-env";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", APP_URL: "https://hub.example.org" } });
});
afterAll(async () => env?.teardown());

const login = (loginName: string, password: string) => call(loginRoutes.POST, { method: "POST", body: { login: loginName, password }, headers: ip() });
const me = (headers: Record<string, string>) => call(meRoutes.GET, { headers });

describe("POST /api/auth/password", () => {
  it("needs the current password, then signs out every other token and session and answers with fresh tokens", async () => {
    const u = await registerAccount("chg");
    const second = await login(u.username, u.password);
    const cookie = await sessionCookie({ userId: u.id });
    expect((await me({ cookie })).status).toBe(200);

    const wrong = await call(passwordRoutes.POST, { method: "POST", body: { currentPassword: "not-it-at-all", newPassword: "amber-falcon-river-9" }, headers: { ...bearer(u.token), ...ip() } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toBe("currentPassword: The password is not correct");
    const weak = await call(passwordRoutes.POST, { method: "POST", body: { currentPassword: u.password, newPassword: "short" }, headers: { ...bearer(u.token), ...ip() } });
    expect(weak.json.error.message).toBe("newPassword: Password must be at least 10 characters");
    expect((await me(bearer(u.token))).status).toBe(200);

    const r = await call(passwordRoutes.POST, { method: "POST", body: { currentPassword: u.password, newPassword: "amber-falcon-river-9" }, headers: { ...bearer(u.token), ...ip() } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ changed: true, revoked_refresh_tokens: 2, token_type: "bearer" });
    // Every credential from before the change is refused: both access tokens, both refresh tokens, the cookie.
    for (const t of [u.token, second.json.access_token]) expect((await me(bearer(t))).status).toBe(401);
    expect((await me({ cookie })).status).toBe(401);
    for (const rt of [u.refresh, second.json.refresh_token]) {
      const refreshed = await call(refreshRoutes.POST, { method: "POST", body: { refresh_token: rt }, headers: ip() });
      expect(refreshed.status).toBe(401);
      expect(refreshed.json.error.message).toBe("This refresh token has been revoked; sign in again");
    }
    // The answer's own tokens work, and a session signed in after the change does too.
    expect((await me(bearer(r.json.access_token))).json.user.id).toBe(u.id);
    expect((await me({ cookie: await sessionCookie({ userId: u.id, sv: 1 }) })).status).toBe(200);
    expect((await login(u.username, u.password)).status).toBe(401);
    expect((await login(u.username, "amber-falcon-river-9")).status).toBe(200);
    const notice = await lastMail({ to: u.email, kind: "password_changed" });
    expect(notice.row?.status).toBe("outbox");
    expect(notice.row?.text).toContain("Every other session and sign-in token has been signed out");
  });

  it("refuses an API key: a leaked key cannot take the account over", async () => {
    const u = await registerAccount("chgkey");
    const key = await (await import("@/server/auth/api-keys")).createApiKey({ userId: u.id, role: "user", name: "script", tier: "default" });
    const r = await call(passwordRoutes.POST, { method: "POST", body: { currentPassword: u.password, newPassword: "amber-falcon-river-9" }, headers: { "x-api-key": key.key, ...ip() } });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toBe("Account settings are changed with a signed-in session or a bearer token, not with an API key");
  });
});

describe("password reset by emailed link", () => {
  it("answers 202 with the same body for a known and an unknown address, and mails only the known one", async () => {
    const u = await registerAccount("rst");
    const db = await getDb();
    const before = await db.mailMessage.count();
    const known = await call(resetRoutes.POST, { method: "POST", body: { email: u.email.toUpperCase() }, headers: ip() });
    const unknown = await call(resetRoutes.POST, { method: "POST", body: { email: `nobody-${u.email}` }, headers: ip() });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.json).toEqual(known.json);
    expect(await db.mailMessage.count()).toBe(before + 1);
    const mail = await lastMail({ to: u.email, kind: "password_reset" });
    expect(mail.row?.text).toContain("https://hub.example.org/reset-password?token=");
    expect(mail.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("a link sets the password once, signs out everywhere, and does not work a second time", async () => {
    const u = await registerAccount("rst2");
    await call(resetRoutes.POST, { method: "POST", body: { email: u.email }, headers: ip() });
    const { token } = await lastMail({ to: u.email, kind: "password_reset" });
    const weak = await call(resetConfirmRoutes.POST, { method: "POST", body: { token, newPassword: `${u.username}-extra` }, headers: ip() });
    expect(weak.json.error.message).toBe("newPassword: Password must not contain the username");
    const ok = await call(resetConfirmRoutes.POST, { method: "POST", body: { token, newPassword: "copper-meadow-lantern-4" }, headers: ip() });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ reset: true });
    expect((await me(bearer(u.token))).status).toBe(401);
    expect((await login(u.email, "copper-meadow-lantern-4")).status).toBe(200);
    const again = await call(resetConfirmRoutes.POST, { method: "POST", body: { token, newPassword: "other-meadow-lantern-5" }, headers: ip() });
    expect(again.status).toBe(400);
    expect(again.json.error.message).toBe("This link is not valid: it has expired or was used already. Ask for a new one");
    expect((await login(u.email, "copper-meadow-lantern-4")).status).toBe(200);
  });

  it("a link older than an hour is refused", async () => {
    const u = await registerAccount("rst3");
    const { token } = await createLinkToken({ userId: u.id, purpose: "password_reset", now: new Date(Date.now() - 61 * 60_000) });
    const r = await call(resetConfirmRoutes.POST, { method: "POST", body: { token, newPassword: "copper-meadow-lantern-4" }, headers: ip() });
    expect(r.status).toBe(400);
    expect((await login(u.email, u.password)).status).toBe(200);
    const fresh = await createLinkToken({ userId: u.id, purpose: "password_reset", now: new Date(Date.now() - 59 * 60_000) });
    expect((await call(resetConfirmRoutes.POST, { method: "POST", body: { token: fresh.token, newPassword: "copper-meadow-lantern-4" }, headers: ip() })).status).toBe(200);
  });

  it("an altered link is refused in words before anything is looked up", async () => {
    const r = await call(resetConfirmRoutes.POST, { method: "POST", body: { token: "abc", newPassword: "copper-meadow-lantern-4" }, headers: ip() });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("token: The link is incomplete or altered; open it from the email again, or ask for a new one");
  });
});

describe("refresh tokens", () => {
  it("login returns one; each use rotates it; a reused one revokes the whole sign-in", async () => {
    const u = await registerAccount("rfr");
    const l = await login(u.username, u.password);
    expect(l.json.refresh_token).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    const first = await call(refreshRoutes.POST, { method: "POST", body: { refresh_token: l.json.refresh_token }, headers: ip() });
    expect(first.status).toBe(200);
    expect(first.json.refresh_token).not.toBe(l.json.refresh_token);
    expect((await me(bearer(first.json.access_token))).json.user.id).toBe(u.id);
    const second = await call(refreshRoutes.POST, { method: "POST", body: { refresh_token: first.json.refresh_token }, headers: ip() });
    expect(second.status).toBe(200);

    // The first token again: someone holds a copy. The newest token of that sign-in stops working too,
    // while the registration's separate sign-in is untouched.
    const reuse = await call(refreshRoutes.POST, { method: "POST", body: { refresh_token: l.json.refresh_token }, headers: ip() });
    expect(reuse.status).toBe(401);
    expect(reuse.json.error.message).toMatch(/^This refresh token was already used/);
    expect((await call(refreshRoutes.POST, { method: "POST", body: { refresh_token: second.json.refresh_token }, headers: ip() })).status).toBe(401);
    expect((await call(refreshRoutes.POST, { method: "POST", body: { refresh_token: u.refresh }, headers: ip() })).status).toBe(200);
  });

  it("logout with the refresh token in the body revokes its sign-in", async () => {
    const u = await registerAccount("rfo");
    const out = await call(logoutRoutes.POST, { method: "POST", body: { refresh_token: u.refresh }, headers: bearer(u.token) });
    expect(out.json).toEqual({ revoked_token: true, revoked_refresh_token: true });
    expect((await call(refreshRoutes.POST, { method: "POST", body: { refresh_token: u.refresh }, headers: ip() })).status).toBe(401);
    expect((await call(refreshRoutes.POST, { method: "POST", body: { refresh_token: "rt_unknown" }, headers: ip() })).json.error.message).toBe("Invalid refresh token");
  });
});
