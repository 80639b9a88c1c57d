// Email change confirmed by a link, the JSON export, and account deletion on the real database: deletion
// removes exactly the account's own rows (keys, webhooks and their deliveries, alerts and their triggers,
// watchlists, portfolios, refresh tokens, links, mail) and leaves another account's rows and the shared forecasts alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as emailRoutes from "@/app/api/auth/email/route";
import * as emailConfirmRoutes from "@/app/api/auth/email/confirm/route";
import * as loginRoutes from "@/app/api/auth/login/route";
import * as meRoutes from "@/app/api/auth/me/route";
import * as exportRoutes from "@/app/api/auth/me/export/route";
import { getDb } from "@/lib/db";
import { createApiKey } from "@/server/auth/api-keys";
import { call, setUpAuthTestEnv, uniqueName, type AuthTestEnv } from "../auth/auth-test-env";
import { bearer, ip, lastMail, registerAccount } from "../support/account-test-env";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1" } });
});
afterAll(async () => env?.teardown());

describe("email change", () => {
  it("moves the account only when the new address opens its link, once, and tells the old address", async () => {
    const u = await registerAccount("eml");
    const newEmail = `${uniqueName("new")}@example.net`;
    const wrong = await call(emailRoutes.POST, { method: "POST", body: { newEmail, password: "not-the-password" }, headers: { ...bearer(u.token), ...ip() } });
    expect(wrong.json.error.message).toBe("password: The password is not correct");
    const r = await call(emailRoutes.POST, { method: "POST", body: { newEmail, password: u.password }, headers: { ...bearer(u.token), ...ip() } });
    expect(r.status).toBe(202);
    expect(r.json.pending_email).toBe(newEmail);
    expect((await call(meRoutes.GET, { headers: bearer(u.token) })).json.user.email).toBe(u.email);

    const { row, token } = await lastMail({ to: newEmail, kind: "email_change" });
    expect(row?.text).toContain("http://localhost:3000/confirm-email?token=");
    const ok = await call(emailConfirmRoutes.POST, { method: "POST", body: { token }, headers: ip() });
    expect(ok.json).toEqual({ email: newEmail });
    expect((await call(meRoutes.GET, { headers: bearer(u.token) })).json.user.email).toBe(newEmail);
    expect((await call(emailConfirmRoutes.POST, { method: "POST", body: { token }, headers: ip() })).status).toBe(400);
    expect((await lastMail({ to: u.email, kind: "email_changed" })).row?.text).toContain(`is now ${newEmail}`);
    const signIn = await call(loginRoutes.POST, { method: "POST", body: { login: newEmail, password: u.password }, headers: ip() });
    expect(signIn.status).toBe(200);
  });

  it("refuses an address another account uses", async () => {
    const a = await registerAccount("emla");
    const b = await registerAccount("emlb");
    const r = await call(emailRoutes.POST, { method: "POST", body: { newEmail: b.email, password: a.password }, headers: { ...bearer(a.token), ...ip() } });
    expect(r.status).toBe(409);
  });
});

/** Gives the account one row of everything it can own. */
async function furnish(userId: string) {
  const db = await getDb();
  await createApiKey({ userId, role: "user", name: "script", tier: "default" });
  const hook = await db.webhook.create({ data: { userId, url: "https://example.org/hook", events: ["alert.triggered"], secretEnc: "x" } });
  await db.webhookDelivery.create({ data: { webhookId: hook.id, eventId: `evt_${userId}`, eventType: "alert.triggered", payload: {} } });
  const alert = await db.alert.create({ data: { userId, symbol: "AAPL", type: "above", price: 200, channels: ["in_app"] } });
  const trigger = await db.alertTrigger.create({ data: { alertId: alert.id, userId, symbol: "AAPL", session: new Date("2024-03-08"), close: 201, message: "above", detail: {} } });
  await db.notification.create({ data: { userId, kind: "alert", title: "AAPL at or above 200", body: "above", symbol: "AAPL", link: "/stock/AAPL", alertId: alert.id, triggerId: trigger.id } });
  await db.notificationSettings.create({ data: { userId, quietStart: 22 * 60, quietEnd: 7 * 60, timeZone: "Europe/Berlin" } });
  await db.watchlist.create({ data: { userId, name: "Tech", symbols: ["AAPL", "MSFT"] } });
  await db.portfolio.create({
    data: { userId, name: "Pension", transactions: { create: [{ date: new Date("2023-01-03T00:00:00Z"), symbol: "AAPL", quantity: 10, price: 125.07, fees: 1, position: 0 }] } },
  });
  await db.prediction.create({ data: { userId, symbol: "AAPL", model: "naive", horizon: 1, originDate: new Date("2024-03-08"), targetDate: new Date("2024-03-11"), predictedPrice: 170 } });
}

async function rowsOf(userId: string) {
  const db = await getDb();
  const where = { userId };
  return {
    users: await db.user.count({ where: { id: userId } }),
    apiKeys: await db.apiKey.count({ where }),
    webhooks: await db.webhook.count({ where }),
    deliveries: await db.webhookDelivery.count({ where: { webhook: { userId } } }),
    alerts: await db.alert.count({ where }),
    triggers: await db.alertTrigger.count({ where }),
    notifications: await db.notification.count({ where }),
    quietHours: await db.notificationSettings.count({ where }),
    watchlists: await db.watchlist.count({ where }),
    portfolios: await db.portfolio.count({ where }),
    transactions: await db.portfolioTransaction.count({ where: { portfolio: { userId } } }),
    refreshTokens: await db.refreshToken.count({ where }),
    predictions: await db.prediction.count({ where }),
  };
}

describe("export and deletion", () => {
  it("the export holds the account's rows and no secret", async () => {
    const u = await registerAccount("exp");
    await furnish(u.id);
    const r = await call(exportRoutes.GET, { headers: bearer(u.token) });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="stock-hub-export.json"');
    expect(r.json.user).toMatchObject({ id: u.id, email: u.email, username: u.username });
    expect(r.json.api_keys).toHaveLength(1);
    expect(r.json.webhooks[0]).toEqual(expect.objectContaining({ url: "https://example.org/hook", events: ["alert.triggered"] }));
    expect(r.json.watchlists[0]).toMatchObject({ name: "Tech", symbols: ["AAPL", "MSFT"] });
    expect(r.json.portfolios[0]).toMatchObject({ name: "Pension", transactions: [{ date: "2023-01-03", symbol: "AAPL", quantity: 10, price: 125.07, fees: 1 }] });
    expect(r.json.alerts[0]).toMatchObject({ symbol: "AAPL", type: "above", price: 200 });
    expect(r.json.alert_triggers).toHaveLength(1);
    expect(r.json.notifications).toEqual([expect.objectContaining({ kind: "alert", title: "AAPL at or above 200", link: "/stock/AAPL", readAt: null })]);
    expect(r.json.notification_settings).toEqual({ quietHours: { start: "22:00", end: "07:00", timeZone: "Europe/Berlin" } });
    expect(r.json.predictions[0]).toMatchObject({ symbol: "AAPL", model: "naive", predictedPrice: 170 });
    const text = JSON.stringify(r.json);
    expect(text).not.toMatch(/secretEnc|keyHash|passwordHash|password_hash/);
  });

  it("deletion needs the password and removes exactly the account's rows", async () => {
    const gone = await registerAccount("del");
    const kept = await registerAccount("keep");
    await furnish(gone.id);
    await furnish(kept.id);
    const keptBefore = await rowsOf(kept.id);
    expect(keptBefore).toEqual({ users: 1, apiKeys: 1, webhooks: 1, deliveries: 1, alerts: 1, triggers: 1, notifications: 1, quietHours: 1, watchlists: 1, portfolios: 1, transactions: 1, refreshTokens: 1, predictions: 1 });

    const wrong = await call(meRoutes.DELETE, { method: "DELETE", body: { password: "not-the-password" }, headers: { ...bearer(gone.token), ...ip() } });
    expect(wrong.status).toBe(400);
    expect((await rowsOf(gone.id)).users).toBe(1);

    const predictionsBefore = await (await getDb()).prediction.count();
    const r = await call(meRoutes.DELETE, { method: "DELETE", body: { password: gone.password }, headers: { ...bearer(gone.token), ...ip() } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ deleted: true, removed: { api_keys: 1, webhooks: 1, alerts: 1, notifications: 1, watchlists: 1, portfolios: 1 } });
    expect(await rowsOf(gone.id)).toEqual({ users: 0, apiKeys: 0, webhooks: 0, deliveries: 0, alerts: 0, triggers: 0, notifications: 0, quietHours: 0, watchlists: 0, portfolios: 0, transactions: 0, refreshTokens: 0, predictions: 0 });
    expect(await rowsOf(kept.id)).toEqual(keptBefore);
    // The forecast it asked for stays in the shared history, without its owner.
    expect(await (await getDb()).prediction.count()).toBe(predictionsBefore);
    expect((await call(meRoutes.GET, { headers: bearer(gone.token) })).status).toBe(401);
    expect((await call(loginRoutes.POST, { method: "POST", body: { login: gone.email, password: gone.password }, headers: ip() })).status).toBe(401);
  });
});
