// Alerts on the real database and the shipped AAPL closes: the routes refuse bad input with 400, and the
// evaluation fires each alert on a simulated new trading day, once per session, to the owner's webhooks (the
// alerts that chose that channel) and alert stream. Every kind, re-arming and restarts: alert-kinds.test.ts,
// alert-restart.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertsRoutes from "@/app/api/alerts/route";
import * as alertRoutes from "@/app/api/alerts/[id]/route";
import * as hooksRoutes from "@/app/api/webhooks/route";
import { getDb } from "@/lib/db";
import { bus, type BusEvent } from "@/lib/events";
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { topics } from "@/server/events/publish";
import { getDaily } from "@/server/market";
import type { Bar } from "@/server/market/types";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { loadDocument, webhookBodySchema } from "../../support/openapi-doc";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { registerUser, waitFor } from "../support/push-test-env";

let env: AuthTestEnv;
let rx: WebhookReceiver;
let bars: Bar[];
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" } });
  rx = await startWebhookReceiver();
  bars = (await getDaily({ symbol: "AAPL" })).bars;
});
afterAll(async () => {
  await rx?.close();
  await env?.teardown();
});

describe("alert routes", () => {
  it("refuse an unknown symbol, a negative price, an unknown type and a missing threshold with 400", async () => {
    const u = await registerUser("al_bad");
    const bodies = [
      { symbol: "ZZZZZZ", type: "above", price: 10 },
      { symbol: "AAPL", type: "above", price: -5 },
      { symbol: "AAPL", type: "sideways", price: 5 },
      { symbol: "AAPL", type: "move_pct" },
      { symbol: "AAPL", type: "move_pct", percent: "3" },
      { symbol: "$$$", type: "outside_interval" },
      { symbol: "AAPL", type: "below", price: 5, percent: 2 },
    ];
    for (const body of bodies) {
      const r = await call(alertsRoutes.POST, { method: "POST", body, headers: u.auth });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.json.error).sort()).toEqual(["code", "message"]);
    }
    const unknown = await call(alertsRoutes.POST, { method: "POST", body: bodies[0], headers: u.auth });
    expect(unknown.json.error.message).toBe("Unknown symbol ZZZZZZ");
    expect((await call(alertsRoutes.GET, {})).status).toBe(401);
  });

  it("create, list and delete; another user cannot delete", async () => {
    const u = await registerUser("al_crud");
    const other = await registerUser("al_other");
    const r = await call(alertsRoutes.POST, { method: "POST", body: { symbol: "msft", type: "move_pct", percent: 2.5 }, headers: u.auth });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ symbol: "MSFT", type: "move_pct", percent: 2.5, price: null, channels: ["in_app"], active: true, armed: true, lastTriggeredAt: null });
    // Channels can change afterwards, and an alert can be paused.
    const patched = await call(alertRoutes.PATCH, { method: "PATCH", body: { channels: ["webhook", "in_app"], active: false }, headers: u.auth, params: { id: r.json.id } });
    expect(patched.json).toMatchObject({ channels: ["in_app", "webhook"], active: false });
    expect((await call(alertRoutes.PATCH, { method: "PATCH", body: {}, headers: u.auth, params: { id: r.json.id } })).json.error.message).toBe("channels: Give channels, active or both");
    expect((await call(alertRoutes.PATCH, { method: "PATCH", body: { active: true }, headers: other.auth, params: { id: r.json.id } })).status).toBe(404);
    expect((await call(alertsRoutes.GET, { headers: u.auth })).json.alerts.map((a: { id: string }) => a.id)).toEqual([r.json.id]);
    expect((await call(alertsRoutes.GET, { headers: other.auth })).json.alerts).toEqual([]);
    expect((await call(alertRoutes.DELETE, { method: "DELETE", headers: other.auth, params: { id: r.json.id } })).status).toBe(404);
    expect((await call(alertRoutes.DELETE, { method: "DELETE", headers: u.auth, params: { id: r.json.id } })).json).toEqual({ deleted: true, id: r.json.id });
  });
});

describe("alert evaluation on a new trading day", () => {
  it("fires above/below/move_pct/outside_interval from real closes, once per session, to webhooks and the alert stream", async () => {
    const u = await registerUser("al_eval");
    const db = await getDb();
    // Only this user's alerts: earlier tests' alerts are switched off.
    await db.alert.updateMany({ where: { userId: { not: u.id } }, data: { active: false } });
    const i = bars.findIndex((b) => b.time.slice(0, 10) === "2024-03-08");
    expect(i).toBeGreaterThan(2);
    const [d0, d1, d2] = [bars[i - 2], bars[i - 1], bars[i]]; // 03-06, 03-07, 03-08
    expect([d1.close, d2.close]).toEqual([169, 170.729996]);
    const move2 = (d2.close / d1.close - 1) * 100; // +1.02%
    const move1 = (d1.close / d0.close - 1) * 100;

    const hook = await call(hooksRoutes.POST, { method: "POST", body: { url: rx.url, events: ["alert.triggered"] }, headers: u.auth });
    rx.secret = hook.json.secret;
    const mk = async (body: object) => (await call(alertsRoutes.POST, { method: "POST", body: { ...body, channels: ["in_app", "webhook"] }, headers: u.auth })).json.id as string;
    const above = await mk({ symbol: "AAPL", type: "above", price: 170 });
    const below = await mk({ symbol: "AAPL", type: "below", price: 169.5 });
    const move = await mk({ symbol: "AAPL", type: "move_pct", percent: 1 });
    const outside = await mk({ symbol: "AAPL", type: "outside_interval" });
    // Yesterday's (03-07) one-day forecast for 03-08, as the predictions flow stores it: 95% interval [165, 170.5].
    await db.prediction.create({
      data: { symbol: "AAPL", model: "ensemble", horizon: 1, originDate: new Date("2024-03-07T00:00:00Z"), targetDate: new Date("2024-03-08T00:00:00Z"), predictedPrice: 168.9, lower95: 165, upper95: 170.5 },
    });

    const streamed: BusEvent[] = [];
    const off = await bus.subscribe({ topic: topics.alerts(u.id), onEvent: (e) => streamed.push(e) });
    const upTo = (n: number) => async () => bars.slice(0, n + 1);

    // Day 1: the close of 03-07 is 169.00.
    const day1 = await evaluateAlerts({ loadBars: upTo(i - 1) });
    const fired1 = await db.alertTrigger.findMany({ where: { userId: u.id } });
    expect(fired1.map((t) => t.alertId).sort()).toEqual([below, ...(Math.abs(move1) >= 1 ? [move] : [])].sort());
    expect(day1.fired).toBe(fired1.length);

    // Day 2: 03-08 closes at 170.73, +1.02%, above the 95% upper bound of 170.5.
    await evaluateAlerts({ loadBars: upTo(i) });
    const fired2 = await db.alertTrigger.findMany({ where: { userId: u.id, session: new Date("2024-03-08T00:00:00Z") } });
    expect(fired2.map((t) => t.alertId).sort()).toEqual([above, move, outside].sort());
    const byAlert = Object.fromEntries(fired2.map((t) => [t.alertId, t]));
    expect(byAlert[above].message).toBe("AAPL closed at 170.729996 on 2024-03-08, at or above 170");
    expect(byAlert[move].message).toBe(`AAPL moved +${Math.round(move2 * 100) / 100}% on 2024-03-08 (close 170.729996, previous 169)`);
    expect(byAlert[outside].message).toBe("AAPL closed at 170.729996 on 2024-03-08, outside the ensemble 95% interval [165, 170.5] forecast on 2024-03-07");

    // Price levels fire once per crossing: above waits for a close below 170, below re-armed on 03-08's close
    // above 169.5. The same session evaluated again fires nothing new.
    const rows = await db.alert.findMany({ where: { userId: u.id } });
    expect(Object.fromEntries(rows.map((a) => [a.id, [a.active, a.armed]]))).toEqual({ [above]: [true, false], [below]: [true, true], [move]: [true, true], [outside]: [true, true] });
    expect((await evaluateAlerts({ loadBars: upTo(i) })).fired).toBe(0);

    const total = fired1.length + 3;
    await waitFor(() => streamed.length === total && rx.received.filter((r) => JSON.parse(r.body).type === "alert.triggered").length === total, { what: "stream and webhook events" });
    expect(streamed.map((e) => e.type)).toEqual(Array(total).fill("alert.triggered"));
    const outsideEvent = streamed.find((e) => (e.data as { data: { alertId: string } }).data.alertId === outside)!;
    expect((outsideEvent.data as { data: object }).data).toMatchObject({ symbol: "AAPL", type: "outside_interval", session: "2024-03-08", close: 170.729996, lower95: 165, upper95: 170.5 });
    expect(rx.received.every((r) => r.verified)).toBe(true);
    // Every delivered body is what the OpenAPI document's webhooks section describes, for each alert type.
    const documented = webhookBodySchema(await loadDocument(), "alert.triggered");
    const bodies = rx.received.map((r) => JSON.parse(r.body) as { type: string; data: { type: string } }).filter((b) => b.type === "alert.triggered");
    for (const b of bodies) expect(documented.safeParse(b).success, JSON.stringify(b)).toBe(true);
    expect(new Set(bodies.map((b) => b.data.type))).toEqual(new Set(["above", "below", "move_pct", "outside_interval"]));
    await off();

    const list = await call(alertsRoutes.GET, { headers: u.auth });
    expect(list.json.triggered).toHaveLength(total);
    expect(list.json.triggered[0]).toMatchObject({ symbol: "AAPL", close: expect.any(Number), session: expect.stringMatching(/^2024-03-0[78]$/) });
  });
});
