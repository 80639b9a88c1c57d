// Webhooks end to end on the real database: CRUD through the routes, Standard Webhooks signatures checked by
// the package's verifier on a receiving server, SSRF refusals, retries with backoff against a failing
// receiver, the delivery log, auto-disable and idempotent event ids.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as hooksRoutes from "@/app/api/webhooks/route";
import * as hookRoutes from "@/app/api/webhooks/[id]/route";
import * as deliveriesRoutes from "@/app/api/webhooks/[id]/deliveries/route";
import * as testRoutes from "@/app/api/webhooks/[id]/test/route";
import { getDb } from "@/lib/db";
import { publishEvent } from "@/server/events/publish";
import { attemptDelivery, DISABLE_AFTER_FAILURES, MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDueDeliveries } from "@/server/webhooks/deliveries";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { registerUser, setEnv, waitFor } from "../support/push-test-env";

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

async function createHook(auth: Record<string, string>, events = ["prediction.updated"], url = rx.url) {
  const r = await call(hooksRoutes.POST, { method: "POST", body: { url, events }, headers: auth });
  expect(r.status).toBe(201);
  return r.json as { id: string; secret: string };
}

describe("webhook endpoints", () => {
  it("create returns the whsec_ secret once; it is stored encrypted and never listed again", async () => {
    const u = await registerUser("wh_a");
    const created = await createHook(u.auth, ["prediction.updated", "alert.triggered", "alert.triggered"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(created).toMatchObject({ url: rx.url, events: ["prediction.updated", "alert.triggered"], enabled: true, disabledReason: null });
    const row = await (await getDb()).webhook.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretEnc).not.toContain(created.secret.slice(6));
    const list = await call(hooksRoutes.GET, { headers: u.auth });
    expect(list.json.webhooks.map((w: { id: string }) => w.id)).toEqual([created.id]);
    expect(JSON.stringify(list.json)).not.toContain("whsec_");
    const one = await call(hookRoutes.GET, { headers: u.auth, params: { id: created.id } });
    expect(one.json.secret).toBeUndefined();
  });

  it("PATCH changes events and switches off; DELETE removes; another user gets 404", async () => {
    const u = await registerUser("wh_b");
    const other = await registerUser("wh_c");
    const { id } = await createHook(u.auth);
    const patched = await call(hookRoutes.PATCH, { method: "PATCH", body: { events: ["model.promoted"], enabled: false }, headers: u.auth, params: { id } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ events: ["model.promoted"], enabled: false, disabledReason: "Switched off by its owner" });
    expect((await call(hookRoutes.GET, { headers: other.auth, params: { id } })).status).toBe(404);
    expect((await call(hookRoutes.DELETE, { method: "DELETE", headers: other.auth, params: { id } })).status).toBe(404);
    expect((await call(hookRoutes.DELETE, { method: "DELETE", headers: u.auth, params: { id } })).json).toEqual({ deleted: true, id });
    expect((await call(hookRoutes.GET, { headers: u.auth, params: { id } })).status).toBe(404);
  });

  it("refuses bad input with 400 and the error body, job.failed for non-admins with 403, and anonymous callers with 401", async () => {
    const u = await registerUser("wh_d");
    for (const body of [{ url: "not a url", events: ["prediction.updated"] }, { url: rx.url, events: ["nope"] }, { url: rx.url, events: [] }, { url: rx.url }, { url: rx.url, events: ["model.promoted"], extra: 1 }]) {
      const r = await call(hooksRoutes.POST, { method: "POST", body, headers: u.auth });
      expect(r.status).toBe(400);
      expect(Object.keys(r.json.error).sort()).toEqual(["code", "message"]);
    }
    const r = await call(hooksRoutes.POST, { method: "POST", body: { url: rx.url, events: ["job.failed"] }, headers: u.auth });
    expect(r.status).toBe(403);
    expect((await call(hooksRoutes.GET, {})).status).toBe(401);
    expect((await call(hookRoutes.PATCH, { method: "PATCH", body: {}, headers: u.auth, params: { id: "c".repeat(25) } })).status).toBe(400);
  });
});

describe("SSRF", () => {
  it("without WEBHOOK_ALLOW_PRIVATE_TARGETS refuses http, loopback, private, link-local, metadata and names that resolve to loopback", async () => {
    const u = await registerUser("wh_ssrf");
    setEnv("WEBHOOK_ALLOW_PRIVATE_TARGETS", undefined);
    try {
      const cases: [string, RegExp][] = [
        ["https://127.0.0.1/hook", /loopback or private/],
        ["https://10.0.0.1/hook", /loopback or private/],
        ["https://169.254.169.254/latest/meta-data", /link-local or cloud-metadata/],
        ["https://[::1]/hook", /loopback or private/],
        ["https://[::ffff:127.0.0.1]/hook", /loopback or private/],
        ["https://[fd00:ec2::254]/hook", /link-local or cloud-metadata/],
        ["https://localhost/hook", /loopback or private/],
        ["http://93.184.215.14/hook", /must start with https:\/\//],
      ];
      for (const [url, why] of cases) {
        const r = await call(hooksRoutes.POST, { method: "POST", body: { url, events: ["prediction.updated"] }, headers: u.auth });
        expect(r.status, url).toBe(400);
        expect(r.json.error.code).toBe("bad_request");
        expect(r.json.error.message, url).toMatch(why);
      }
    } finally {
      setEnv("WEBHOOK_ALLOW_PRIVATE_TARGETS", "1");
    }
  });

  it("with the development flag allows loopback but still refuses link-local and metadata addresses", async () => {
    const u = await registerUser("wh_ssrf2");
    for (const url of ["http://169.254.169.254/", "http://[fd00:ec2::254]/", "http://[fe80::1]/"]) {
      const r = await call(hooksRoutes.POST, { method: "POST", body: { url, events: ["prediction.updated"] }, headers: u.auth });
      expect(r.status, url).toBe(400);
    }
    expect((await call(hooksRoutes.POST, { method: "POST", body: { url: rx.url, events: ["prediction.updated"] }, headers: u.auth })).status).toBe(201);
  });

  it("checks again when sending: a saved loopback target is refused once private targets are no longer allowed", async () => {
    const u = await registerUser("wh_ssrf3");
    const { id } = await createHook(u.auth);
    const before = rx.received.length;
    setEnv("WEBHOOK_ALLOW_PRIVATE_TARGETS", undefined);
    try {
      const r = await call(testRoutes.POST, { method: "POST", headers: u.auth, params: { id } });
      expect(r.json).toMatchObject({ delivered: false, statusCode: null });
      expect(r.json.error).toMatch(/must start with https:\/\/|loopback or private/);
    } finally {
      setEnv("WEBHOOK_ALLOW_PRIVATE_TARGETS", "1");
    }
    expect(rx.received.length).toBe(before);
  });

  it("WEBHOOK_ALLOWED_TARGETS lets a listed LAN receiver in (http included) without the development flag; others stay refused", async () => {
    const u = await registerUser("wh_lan");
    const port = new URL(rx.url).port;
    setEnv("WEBHOOK_ALLOW_PRIVATE_TARGETS", undefined);
    setEnv("WEBHOOK_ALLOWED_TARGETS", `127.0.0.1:${port},192.168.1.0/24`);
    try {
      const { id } = await createHook(u.auth);
      const before = rx.received.length;
      const r = await call(testRoutes.POST, { method: "POST", headers: u.auth, params: { id } });
      expect(r.json).toMatchObject({ delivered: true, statusCode: 200 });
      expect(rx.received.length).toBe(before + 1);
      const other = await call(hooksRoutes.POST, { method: "POST", body: { url: `http://127.0.0.1:${Number(port) + 1}/hook`, events: ["prediction.updated"] }, headers: u.auth });
      expect(other.status).toBe(400);
      expect(other.json.error.message).toMatch(/loopback or private address \(loopback\)/);
    } finally {
      setEnv("WEBHOOK_ALLOWED_TARGETS", undefined);
      setEnv("WEBHOOK_ALLOW_PRIVATE_TARGETS", "1");
    }
  });

  it("does not follow redirects", async () => {
    const u = await registerUser("wh_redirect");
    const { id } = await createHook(u.auth);
    rx.redirectTo = "http://169.254.169.254/latest/meta-data";
    try {
      const r = await call(testRoutes.POST, { method: "POST", headers: u.auth, params: { id } });
      expect(r.json).toMatchObject({ delivered: false, statusCode: 307 });
      expect(r.json.error).toMatch(/redirect .* not followed/);
    } finally {
      rx.redirectTo = null;
    }
  });
});

describe("signed deliveries", () => {
  it("the test event arrives signed: the standardwebhooks verifier accepts it and rejects a tampered body", async () => {
    const u = await registerUser("wh_sig");
    const { id, secret } = await createHook(u.auth);
    rx.secret = secret;
    const r = await call(testRoutes.POST, { method: "POST", headers: u.auth, params: { id } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ delivered: true, statusCode: 200, error: null });
    const got = rx.received.at(-1)!;
    expect(got.verified).toBe(true);
    expect(got.headers["webhook-id"]).toBe(r.json.eventId);
    expect(got.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(got.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    expect(JSON.parse(got.body)).toMatchObject({ id: r.json.eventId, type: "webhook.test", data: { webhookId: id } });
    const { Webhook } = await import("standardwebhooks");
    expect(() => new Webhook(secret).verify(got.body.replace("Test", "Tost"), got.headers as Record<string, string>)).toThrow();
    rx.secret = null;
  });

  it("a published event reaches the subscribed endpoint through the job queue, once per event id", async () => {
    const u = await registerUser("wh_pub");
    const { id, secret } = await createHook(u.auth, ["model.promoted"]);
    rx.secret = secret;
    const eventId = `evt_test_${Date.now()}`;
    const before = rx.received.length;
    const promoted = { symbol: "AAPL", model: "arima", version: "v1", modelVersionId: "mv_test", reason: "first version", maeRatio: { "1d": 1.01, "2d": 1, "1w": null } };
    await publishEvent({ type: "model.promoted", id: eventId, data: promoted });
    await publishEvent({ type: "model.promoted", id: eventId, data: promoted });
    await waitFor(() => rx.received.slice(before).some((x) => x.headers["webhook-id"] === eventId), { what: "the delivery" });
    await new Promise((r) => setTimeout(r, 300));
    const mine = rx.received.slice(before).filter((x) => x.headers["webhook-id"] === eventId);
    expect(mine).toHaveLength(1);
    expect(mine[0].verified).toBe(true);
    expect(JSON.parse(mine[0].body)).toMatchObject({ id: eventId, type: "model.promoted", data: { symbol: "AAPL", model: "arima" } });
    const d = await call(deliveriesRoutes.GET, { headers: u.auth, params: { id } });
    expect(d.json.deliveries).toHaveLength(1);
    expect(d.json.deliveries[0]).toMatchObject({ eventId, status: "delivered", attempts: 1, nextAttemptAt: null });
    expect(d.json.deliveries[0].log[0]).toMatchObject({ attempt: 1, statusCode: 200, error: null });
    rx.secret = null;
  });

  it("alert.triggered goes only to the owner's endpoints and job.failed only to admins'", async () => {
    const owner = await registerUser("wh_owner");
    const stranger = await registerUser("wh_stranger");
    const admin = await registerUser("wh_admin", { admin: true });
    const a = await createHook(owner.auth, ["alert.triggered"]);
    const b = await createHook(stranger.auth, ["alert.triggered"]);
    const c = await createHook(admin.auth, ["job.failed"]);
    const fired = { alertId: "a_test", triggerId: "t_test", symbol: "MSFT", session: "2026-12-04", close: 410, live: false, message: "MSFT closed at 410", type: "above", price: 400 } as const;
    await publishEvent({ type: "alert.triggered", userId: owner.id, data: fired });
    await publishEvent({ type: "job.failed", data: { jobId: "job_test", name: "models/training.requested", status: "failed", error: "boom", attempts: 2, finishedAt: null } });
    const db = await getDb();
    expect(await db.webhookDelivery.count({ where: { webhookId: a.id } })).toBe(1);
    expect(await db.webhookDelivery.count({ where: { webhookId: b.id } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { webhookId: c.id, eventType: "job.failed" } })).toBe(1);
  });
});

describe("retries", () => {
  it("retries a failing receiver on the backoff schedule, logs every attempt, gives up after 8 and delivers once it recovers", async () => {
    const u = await registerUser("wh_retry");
    const { id } = await createHook(u.auth, ["prediction.updated"]);
    rx.status = 500;
    const db = await getDb();
    try {
      const eventId = `evt_retry_${Date.now()}`;
      const { createDeliveries } = await import("@/server/webhooks/deliveries");
      const [deliveryId] = await createDeliveries({ event: { id: eventId, type: "prediction.updated", timestamp: new Date().toISOString(), data: { symbol: "AAPL" } }, webhookIds: [id] });
      let now = new Date();
      await attemptDelivery({ deliveryId, now });
      const gaps: number[] = [];
      for (let n = 1; n < MAX_ATTEMPTS; n++) {
        const d = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
        expect(d.status).toBe("pending");
        gaps.push(d.nextAttemptAt!.getTime() - now.getTime());
        // Not due a millisecond early...
        expect((await retryDueDeliveries({ now: new Date(d.nextAttemptAt!.getTime() - 1), webhookId: id })).due).toBe(0);
        now = d.nextAttemptAt!;
        // ...and attempted once it is.
        expect(await retryDueDeliveries({ now, webhookId: id })).toMatchObject({ due: 1, failed: 1 });
      }
      expect(gaps).toEqual(RETRY_DELAYS_MS);
      expect(gaps.reduce((a, b) => a + b, 0) / 3600_000).toBeGreaterThan(20);
      const final = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { log: { orderBy: { attempt: "asc" } } } });
      expect(final).toMatchObject({ status: "failed", attempts: 8, nextAttemptAt: null });
      expect(final.log.map((l) => [l.attempt, l.statusCode, l.error])).toEqual(Array.from({ length: 8 }, (_, i) => [i + 1, 500, "HTTP 500"]));
      expect(final.log.every((l) => l.latencyMs >= 0 && l.latencyMs < 10_000)).toBe(true);
      // The same webhook-id on every retry, so receivers can de-duplicate.
      expect(new Set(rx.received.slice(-8).map((x) => x.headers["webhook-id"]))).toEqual(new Set([eventId]));

      rx.status = 200;
      const [second] = await createDeliveries({ event: { id: `${eventId}_2`, type: "prediction.updated", timestamp: new Date().toISOString(), data: {} }, webhookIds: [id] });
      expect((await attemptDelivery({ deliveryId: second }))?.ok).toBe(true);
      expect((await db.webhook.findUniqueOrThrow({ where: { id } })).consecutiveFailures).toBe(0);
    } finally {
      rx.status = 200;
    }
  });

  it(`switches an endpoint off after ${DISABLE_AFTER_FAILURES} failures in a row and says why; PATCH enabled:true turns it back on`, async () => {
    const u = await registerUser("wh_disable");
    const { id } = await createHook(u.auth, ["prediction.updated"]);
    rx.status = 503;
    const { createDeliveries } = await import("@/server/webhooks/deliveries");
    try {
      for (let i = 0; i < DISABLE_AFTER_FAILURES; i++) {
        const [d] = await createDeliveries({ event: { id: `evt_dis_${Date.now()}_${i}`, type: "prediction.updated", timestamp: new Date().toISOString(), data: {} }, webhookIds: [id] });
        await attemptDelivery({ deliveryId: d });
      }
    } finally {
      rx.status = 200;
    }
    const hook = await call(hookRoutes.GET, { headers: u.auth, params: { id } });
    expect(hook.json).toMatchObject({ enabled: false, consecutiveFailures: DISABLE_AFTER_FAILURES });
    expect(hook.json.disabledReason).toMatch(new RegExp(`after ${DISABLE_AFTER_FAILURES} failed deliveries in a row \\(last: HTTP 503\\)`));
    const db = await getDb();
    expect(await db.webhookDelivery.count({ where: { webhookId: id, status: "pending" } })).toBe(0);
    const test = await call(testRoutes.POST, { method: "POST", headers: u.auth, params: { id } });
    expect(test.status).toBe(400);
    const on = await call(hookRoutes.PATCH, { method: "PATCH", body: { enabled: true }, headers: u.auth, params: { id } });
    expect(on.json).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
  });
});
