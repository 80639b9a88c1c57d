// The in-app notification list and what surrounds it, on the real database and Redis: alerts fired on the
// shipped closes fill it; GET /api/notifications pages it and filters unread; POST /api/notifications/read
// marks by id or all; the notification stream sends the unread count, each new entry and each read mark; quiet
// hours hold the email and the webhook delivery (sent when they end, to a real SMTP server); the alert cap
// refuses in words; the account export carries the list and deleting the account removes it.
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertsRoutes from "@/app/api/alerts/route";
import * as alertRoutes from "@/app/api/alerts/[id]/route";
import * as meRoutes from "@/app/api/auth/me/route";
import * as exportRoutes from "@/app/api/auth/me/export/route";
import * as listRoutes from "@/app/api/notifications/route";
import * as readRoutes from "@/app/api/notifications/read/route";
import * as settingsRoutes from "@/app/api/notifications/settings/route";
import * as streamRoutes from "@/app/api/stream/notifications/route";
import * as hooksRoutes from "@/app/api/webhooks/route";
import { getDb } from "@/lib/db";
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { MAX_ALERTS_PER_USER } from "@/server/alerts/schemas";
import { getDaily } from "@/server/market";
import { retryDueMail } from "@/server/mail/outbox";
import { retryDueDeliveries } from "@/server/webhooks/deliveries";
import type { Bar } from "@/server/market/types";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { registerAccount } from "../support/account-test-env";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { waitFor } from "../support/push-test-env";

let env: AuthTestEnv;
let smtp: TestSmtpServer;
let rx: WebhookReceiver;
let aapl: Bar[];
beforeAll(async () => {
  smtp = await startSmtpServer();
  rx = await startWebhookReceiver();
  env = await setUpAuthTestEnv({
    redis: true,
    env: { TRUSTED_PROXY: "1", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1", SMTP_URL: smtp.url, MAIL_FROM: "Stock Hub <hub@example.org>", APP_URL: "https://hub.example.org" },
  });
  aapl = (await getDaily({ symbol: "AAPL" })).bars;
});
afterAll(async () => {
  await env?.teardown();
  await smtp?.close();
  await rx?.close();
});

const closeOf = (session: string) => async () => aapl.filter((b) => b.time.slice(0, 10) <= session);

/** A signed-in account whose alerts are the only ones switched on. */
async function soleAccount(tag: string, alerts: object[]) {
  const u = await registerAccount(tag);
  const auth = { authorization: `Bearer ${u.token}` };
  await (await getDb()).alert.updateMany({ where: { userId: { not: u.id } }, data: { active: false } });
  const ids: string[] = [];
  for (const body of alerts) {
    const r = await call(alertsRoutes.POST, { method: "POST", body, headers: auth });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    ids.push(r.json.id);
  }
  return { ...u, auth, ids };
}

/** Opens GET /api/stream/notifications through the route and collects its events. */
async function openStream(auth: Record<string, string>) {
  const abort = new AbortController();
  const res = await streamRoutes.GET(new NextRequest("http://localhost:3000/api/stream/notifications", { headers: auth, signal: abort.signal }), { params: Promise.resolve({}) });
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      /* closed */
    }
  })();
  const named = (name: string) => events.filter((e) => e.event === name).map((e) => JSON.parse(e.data) as Record<string, unknown>);
  return { status: res.status, named, close: () => abort.abort() };
}

const list = (auth: Record<string, string>, query = "") => call(listRoutes.GET, { path: `/api/notifications${query}`, headers: auth });
const read = (auth: Record<string, string>, body: unknown) => call(readRoutes.POST, { method: "POST", body, headers: auth });

describe("the notification list", () => {
  it("fills as alerts fire, streams the count and new entries, pages newest first, and marks read", async () => {
    // AAPL closes 03-05 170.12, 03-06 169.12, 03-07 169.00, 03-08 170.73: above fires twice, below once.
    const u = await soleAccount("nl", [
      { symbol: "AAPL", type: "above", price: 170 },
      { symbol: "AAPL", type: "below", price: 169.5 },
    ]);
    const stream = await openStream(u.auth);
    expect(stream.status).toBe(200);
    await waitFor(() => stream.named("snapshot").length === 1, { what: "the snapshot" });
    expect(stream.named("snapshot")).toEqual([{ unread: 0 }]);

    for (const s of ["2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08"]) await evaluateAlerts({ loadBars: closeOf(s) });
    await waitFor(() => stream.named("notification.created").length === 3, { what: "three notification.created events" });
    const created = stream.named("notification.created") as { unread: number; notification: { title: string; body: string } }[];
    expect(created.map((c) => [c.unread, c.notification.title])).toEqual([
      [1, "AAPL at or above 170"],
      [2, "AAPL at or below 169.5"],
      [3, "AAPL at or above 170"],
    ]);

    const all = await list(u.auth);
    expect(all.status).toBe(200);
    expect(all.json.unread).toBe(3);
    expect(all.json.next).toBeNull();
    expect(all.json.notifications.map((n: { body: string; read: boolean; link: string }) => [n.body, n.read, n.link])).toEqual([
      ["AAPL closed at 170.729996 on 2024-03-08, at or above 170", false, "/stock/AAPL"],
      ["AAPL closed at 169.119995 on 2024-03-06, at or below 169.5", false, "/stock/AAPL"],
      ["AAPL closed at 170.119995 on 2024-03-05, at or above 170", false, "/stock/AAPL"],
    ]);
    const ids = all.json.notifications.map((n: { id: string }) => n.id) as string[];

    // Two pages of two.
    const first = await list(u.auth, "?limit=2");
    expect(first.json.notifications.map((n: { id: string }) => n.id)).toEqual(ids.slice(0, 2));
    expect(first.json.next).toBe(ids[1]);
    const second = await list(u.auth, `?limit=2&before=${first.json.next}`);
    expect(second.json.notifications.map((n: { id: string }) => n.id)).toEqual([ids[2]]);
    expect(second.json.next).toBeNull();

    // Another account's ids are ignored, not an error; its list is its own.
    const other = await soleAccount("nl_other", []);
    expect((await read(other.auth, { ids: [ids[0]] })).json).toEqual({ marked: 0, unread: 0 });
    expect((await list(other.auth)).json).toEqual({ notifications: [], unread: 0, next: null });

    const one = await read(u.auth, { ids: [ids[1]] });
    expect(one.json).toEqual({ marked: 1, unread: 2 });
    await waitFor(() => stream.named("notifications.read").length === 1, { what: "the read mark" });
    expect(stream.named("notifications.read")).toEqual([{ unread: 2 }]);
    const unread = await list(u.auth, "?unread=true");
    expect(unread.json.notifications.map((n: { id: string }) => n.id)).toEqual([ids[0], ids[2]]);

    expect((await read(u.auth, { all: true })).json).toEqual({ marked: 2, unread: 0 });
    expect((await read(u.auth, { all: true })).json).toEqual({ marked: 0, unread: 0 });
    expect((await list(u.auth, "?unread=true")).json.notifications).toEqual([]);
    await waitFor(() => stream.named("notifications.read").length === 2, { what: "the second read mark" });
    stream.close();
  });

  it("refuses bad input in words", async () => {
    const u = await soleAccount("nl_bad", []);
    const bodies: [unknown, string][] = [
      [{}, "ids: Give the ids to mark read, or all: true (not both)"],
      [{ ids: [] }, "ids: Give at least one id"],
      [{ all: false }, "all: Must be true"],
      [{ ids: ["not an id"] }, "ids item 1: Invalid notification id"],
      [{ all: true, ids: ["c0000000000000000000000000"] }, "ids: Give the ids to mark read, or all: true (not both)"],
      [{ all: true, every: true }, "Unknown field: every"],
    ];
    for (const [body, words] of bodies) {
      const r = await read(u.auth, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.message, JSON.stringify(body)).toBe(words);
    }
    expect((await list(u.auth, "?limit=0")).status).toBe(400);
    expect((await list(u.auth, "?unread=maybe")).json.error.message).toBe("unread: Use true or false");
    expect((await call(listRoutes.GET, { path: "/api/notifications" })).status).toBe(401);
    const badZone = await call(settingsRoutes.PUT, { method: "PUT", body: { quietHours: { start: "22:00", end: "07:00", timeZone: "Mars/Olympus" } }, headers: u.auth });
    expect(badZone.json.error.message).toBe("timeZone: Unknown time zone; use an IANA name such as Europe/Berlin");
    const same = await call(settingsRoutes.PUT, { method: "PUT", body: { quietHours: { start: "22:00", end: "22:00", timeZone: "UTC" } }, headers: u.auth });
    expect(same.json.error.message).toBe("end: Quiet hours must start and end at different times");
    const badChannel = await call(alertsRoutes.POST, { method: "POST", body: { symbol: "AAPL", type: "high_52w", channels: ["sms"] }, headers: u.auth });
    expect(badChannel.status).toBe(400);
    expect(badChannel.json.error.message).toBe("channels item 1: Channels are in_app, email and webhook");
  });
});

describe("quiet hours", () => {
  it("hold the email and the webhook delivery until they end; the in-app entry is made at once", async () => {
    const u = await soleAccount("quiet", [{ symbol: "AAPL", type: "above", price: 170, channels: ["in_app", "email", "webhook"] }]);
    const hook = await call(hooksRoutes.POST, { method: "POST", body: { url: rx.url, events: ["alert.triggered"] }, headers: u.auth });
    rx.secret = hook.json.secret;
    // A window from an hour ago to an hour from now, in UTC.
    const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const before = Date.now();
    const put = await call(settingsRoutes.PUT, { method: "PUT", body: { quietHours: { start: clock(before - 3600_000), end: clock(before + 3600_000), timeZone: "UTC" } }, headers: u.auth });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({ quietHours: { start: clock(before - 3600_000), end: clock(before + 3600_000), timeZone: "UTC" } });
    expect((await call(settingsRoutes.GET, { headers: u.auth })).json).toEqual(put.json);

    expect(await evaluateAlerts({ loadBars: closeOf("2024-03-08") })).toMatchObject({ fired: 1 });
    const after = Date.now();
    const db = await getDb();
    expect(await db.notification.count({ where: { userId: u.id } })).toBe(1);
    const mail = await db.mailMessage.findFirstOrThrow({ where: { userId: u.id, kind: "alert" } });
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.json.id } });
    const end = (t: number) => Math.floor(t / 60_000) * 60_000 + 3600_000;
    for (const row of [mail, delivery]) {
      expect(row.status).toBe("pending");
      expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(end(before));
      expect(row.nextAttemptAt!.getTime()).toBeLessThanOrEqual(end(after));
    }
    // Not before the window ends...
    expect(await retryDueMail()).toEqual({ attempted: 0, sent: 0 });
    expect(await retryDueDeliveries({ webhookId: hook.json.id })).toMatchObject({ due: 0 });
    expect(smtp.received.filter((m) => m.to.includes(u.email))).toEqual([]);
    // ...and once, when it has.
    const later = new Date(mail.nextAttemptAt!.getTime() + 1000);
    expect(await retryDueMail({ now: later })).toEqual({ attempted: 1, sent: 1 });
    expect(await retryDueDeliveries({ now: later, webhookId: hook.json.id })).toMatchObject({ due: 1, delivered: 1 });
    const got = smtp.received.filter((m) => m.to.includes(u.email));
    expect(got.map((m) => m.subject)).toEqual(["Stock Hub alert: AAPL at or above 170"]);
    expect(got[0].text).toContain("This alert fired during your quiet hours; it was held until they ended.");
    expect(rx.received.filter((r) => JSON.parse(r.body).data?.triggerId === JSON.parse(JSON.stringify(delivery.payload)).data.triggerId)).toHaveLength(1);

    // Off again: the next firing goes out at once.
    expect((await call(settingsRoutes.PUT, { method: "PUT", body: { quietHours: null }, headers: u.auth })).json).toEqual({ quietHours: null });
  });
});

describe("the alert cap", () => {
  it(`refuses alert number ${MAX_ALERTS_PER_USER + 1} with 409 and says why`, async () => {
    const u = await soleAccount("cap", []);
    const db = await getDb();
    await db.alert.createMany({ data: Array.from({ length: MAX_ALERTS_PER_USER - 1 }, (_, i) => ({ userId: u.id, symbol: "AAPL", type: "above", price: 200 + i, channels: ["in_app"] })) });
    const last = await call(alertsRoutes.POST, { method: "POST", body: { symbol: "MSFT", type: "low_52w" }, headers: u.auth });
    expect(last.status).toBe(201);
    const over = await call(alertsRoutes.POST, { method: "POST", body: { symbol: "MSFT", type: "high_52w" }, headers: u.auth });
    expect(over.status).toBe(409);
    expect(over.json.error).toEqual({ code: "conflict", message: "You have 50 alerts, the most an account can hold; remove one before adding another" });
    // Removing one makes room.
    expect((await call(alertRoutes.DELETE, { method: "DELETE", params: { id: last.json.id }, headers: u.auth })).status).toBe(200);
    expect((await call(alertsRoutes.POST, { method: "POST", body: { symbol: "MSFT", type: "high_52w" }, headers: u.auth })).status).toBe(201);
    expect((await call(alertsRoutes.GET, { headers: u.auth })).json.limit).toBe(MAX_ALERTS_PER_USER);
  });
});

describe("the account's own data", () => {
  it("the export carries the notifications and quiet hours; deleting the account removes them", async () => {
    const u = await soleAccount("nl_gone", [{ symbol: "AAPL", type: "above", price: 170 }]);
    await call(settingsRoutes.PUT, { method: "PUT", body: { quietHours: { start: "22:30", end: "06:45", timeZone: "Europe/Berlin" } }, headers: u.auth });
    await evaluateAlerts({ loadBars: closeOf("2024-03-08") });
    const exported = await call(exportRoutes.GET, { headers: u.auth });
    expect(exported.json.notifications.map((n: { title: string; readAt: string | null }) => [n.title, n.readAt])).toEqual([["AAPL at or above 170", null]]);
    expect(exported.json.notification_settings).toEqual({ quietHours: { start: "22:30", end: "06:45", timeZone: "Europe/Berlin" } });
    const other = await soleAccount("nl_stays", [{ symbol: "AAPL", type: "above", price: 170 }]);
    await evaluateAlerts({ loadBars: closeOf("2024-03-08") });

    const gone = await call(meRoutes.DELETE, { method: "DELETE", body: { password: u.password }, headers: u.auth });
    expect(gone.status).toBe(200);
    expect(gone.json.removed).toMatchObject({ alerts: 1, notifications: 1 });
    const db = await getDb();
    expect(await db.notification.count({ where: { userId: u.id } })).toBe(0);
    expect(await db.notificationSettings.count({ where: { userId: u.id } })).toBe(0);
    expect(await db.notification.count({ where: { userId: other.id } })).toBe(1);
  });
});
