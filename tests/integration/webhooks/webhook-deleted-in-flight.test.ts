// An endpoint deleted while its test event is being sent: the test call answers with the attempt's result
// (the receiver did get the event) or 404 when the event never left, never a 500; and the retry sweep
// carries on past a delivery whose endpoint is gone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as hooksRoutes from "@/app/api/webhooks/route";
import * as hookRoutes from "@/app/api/webhooks/[id]/route";
import * as testRoutes from "@/app/api/webhooks/[id]/test/route";
import { getDb } from "@/lib/db";
import { retryDueDeliveries } from "@/server/webhooks/deliveries";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { registerUser, waitFor } from "../support/push-test-env";

let env: AuthTestEnv;
let rx: WebhookReceiver;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" } });
  rx = await startWebhookReceiver();
});
afterAll(async () => {
  await rx?.close();
  await env?.teardown();
});

async function createHook(auth: Record<string, string>) {
  const r = await call(hooksRoutes.POST, { method: "POST", body: { url: rx.url, events: ["prediction.updated"] }, headers: auth });
  expect(r.status).toBe(201);
  return r.json as { id: string };
}

/** Holds the receiver's answers until the returned function is called. */
function holdReceiver(): () => void {
  let release!: () => void;
  rx.hold = new Promise<void>((resolve) => (release = resolve));
  return () => {
    rx.hold = null;
    release();
  };
}

describe("a webhook deleted while its test event is in flight", () => {
  it("the test call answers 200 with the attempt the receiver answered, and the endpoint is gone", async () => {
    const u = await registerUser("wh_inflight");
    const { id } = await createHook(u.auth);
    const release = holdReceiver();
    const before = rx.received.length;
    const testing = call(testRoutes.POST, { method: "POST", headers: u.auth, params: { id } });
    await waitFor(() => rx.received.length > before, { what: "the test event at the receiver" });
    const del = await call(hookRoutes.DELETE, { method: "DELETE", headers: u.auth, params: { id } });
    expect(del.json).toEqual({ deleted: true, id });
    release();
    const r = await testing;
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ delivered: true, statusCode: 200, error: null });
    expect(JSON.parse(rx.received.at(-1)!.body)).toMatchObject({ type: "webhook.test", data: { webhookId: id } });
    expect(await (await getDb()).webhookDelivery.count({ where: { webhookId: id } })).toBe(0);
    expect((await call(hookRoutes.GET, { headers: u.auth, params: { id } })).status).toBe(404);
  });

  it("a failing receiver answered after the delete: 200 with the failed attempt, not a 500", async () => {
    const u = await registerUser("wh_inflight_fail");
    const { id } = await createHook(u.auth);
    rx.status = 503;
    const release = holdReceiver();
    const before = rx.received.length;
    try {
      const testing = call(testRoutes.POST, { method: "POST", headers: u.auth, params: { id } });
      await waitFor(() => rx.received.length > before, { what: "the test event at the receiver" });
      expect((await call(hookRoutes.DELETE, { method: "DELETE", headers: u.auth, params: { id } })).status).toBe(200);
      release();
      const r = await testing;
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ delivered: false, statusCode: 503, error: "HTTP 503" });
    } finally {
      rx.status = 200;
    }
  });

  it("the retry sweep sends what is due and goes on when an endpoint disappears mid-sweep", async () => {
    const u = await registerUser("wh_inflight_sweep");
    const { id } = await createHook(u.auth);
    const db = await getDb();
    const event = { id: `evt_sweep_${Date.now()}`, type: "prediction.updated", timestamp: new Date().toISOString(), data: { symbol: "AAPL" } };
    await db.webhookDelivery.create({ data: { webhookId: id, eventId: event.id, eventType: event.type, payload: event, nextAttemptAt: new Date(Date.now() - 1000) } });
    const release = holdReceiver();
    const before = rx.received.length;
    const sweep = retryDueDeliveries({ webhookId: id });
    await waitFor(() => rx.received.length > before, { what: "the swept delivery at the receiver" });
    await db.webhook.delete({ where: { id } });
    release();
    expect(await sweep).toEqual({ due: 1, delivered: 1, failed: 0 });
  });
});
