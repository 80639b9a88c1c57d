// A crossing fires exactly once across a restart: the alert fires in this process (an in-app entry, an email
// that a real SMTP server in this process receives, a signed webhook delivery), then a separate process on
// the same database (a restarted server, tests/support/evaluate-alerts-once.ts) and this process with its
// services rebuilt evaluate the same close again: nothing more is recorded, mailed or delivered. On the real
// database and Redis.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertsRoutes from "@/app/api/alerts/route";
import * as hooksRoutes from "@/app/api/webhooks/route";
import { getDb } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { queue } from "@/server/jobs";
import { retryDueMail } from "@/server/mail/outbox";
import { retryDueDeliveries } from "@/server/webhooks/deliveries";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { registerAccount } from "../support/account-test-env";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { waitFor } from "../support/push-test-env";

let env: AuthTestEnv;
let smtp: TestSmtpServer;
let rx: WebhookReceiver;
beforeAll(async () => {
  smtp = await startSmtpServer();
  rx = await startWebhookReceiver();
  env = await setUpAuthTestEnv({
    redis: true,
    env: { TRUSTED_PROXY: "1", WEBHOOK_ALLOW_PRIVATE_TARGETS: "1", SMTP_URL: smtp.url, MAIL_FROM: "Stock Hub <hub@example.org>", APP_URL: "https://hub.example.org" },
  });
});
afterAll(async () => {
  await env?.teardown();
  await smtp?.close();
  await rx?.close();
});

/** The restarted server: a new process evaluates once and reports. */
function evaluateInAnotherProcess(): Promise<{ fired: number; alerts: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/support/evaluate-alerts-once.ts"], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (c) => (out += c));
  child.stderr!.on("data", (c) => (err += c));
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) return reject(new Error(`the restarted process exited ${code}: ${err.slice(-2000)}`));
      resolve(JSON.parse(line));
    }),
  );
}

describe("a crossing across a restart", () => {
  it("fires exactly once: one trigger, one in-app entry, one email, one webhook delivery", async () => {
    const u = await registerAccount("restart");
    const auth = { authorization: `Bearer ${u.token}` };
    await (await getDb()).alert.updateMany({ where: { userId: { not: u.id } }, data: { active: false } });
    const hook = await call(hooksRoutes.POST, { method: "POST", body: { url: rx.url, events: ["alert.triggered"] }, headers: auth });
    expect(hook.status).toBe(201);
    rx.secret = hook.json.secret;
    const created = await call(alertsRoutes.POST, { method: "POST", body: { symbol: "AAPL", type: "above", price: 170, channels: ["in_app", "email", "webhook"] }, headers: auth });
    expect(created.status).toBe(201);
    expect(created.json.channels).toEqual(["in_app", "email", "webhook"]);

    // The shipped set's last close, AAPL 170.729996 on 2024-03-08, crosses 170.
    expect(await evaluateAlerts()).toMatchObject({ fired: 1 });
    await queue.runner()?.idle();
    const mails = () => smtp.received.filter((m) => m.to.includes(u.email));
    const hooks = () => rx.received.filter((r) => JSON.parse(r.body).type === "alert.triggered");
    await waitFor(() => mails().length === 1 && hooks().length === 1, { what: "the email and the webhook delivery" });

    // Restarted: a fresh process on the same database, then this one with every service rebuilt.
    await resetServicesForTests();
    expect(await evaluateInAnotherProcess()).toMatchObject({ fired: 0, alerts: 1 });
    await resetServicesForTests();
    expect(await evaluateAlerts()).toMatchObject({ fired: 0 });
    // The sweeps find nothing left to send.
    expect(await retryDueMail({ now: new Date(Date.now() + 86_400_000) })).toEqual({ attempted: 0, sent: 0 });
    expect(await retryDueDeliveries({ now: new Date(Date.now() + 86_400_000) })).toMatchObject({ due: 0 });

    const mail = mails();
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("Stock Hub alert: AAPL at or above 170");
    expect(mail[0].text).toContain("AAPL closed at 170.729996 on 2024-03-08, at or above 170.");
    expect(mail[0].text).toContain("https://hub.example.org/stock/AAPL");
    const delivered = hooks().map((r) => JSON.parse(r.body) as { data: Record<string, unknown> });
    expect(delivered).toHaveLength(1);
    expect(hooks()[0].verified).toBe(true);
    expect(delivered[0].data).toMatchObject({ symbol: "AAPL", type: "above", session: "2024-03-08", close: 170.729996, live: false, price: 170 });
    const db = await getDb();
    expect(await db.alertTrigger.count({ where: { userId: u.id } })).toBe(1);
    const entries = await db.notification.findMany({ where: { userId: u.id } });
    expect(entries.map((n) => [n.title, n.body, n.link, n.readAt])).toEqual([["AAPL at or above 170", "AAPL closed at 170.729996 on 2024-03-08, at or above 170", "/stock/AAPL", null]]);
    // Disarmed until a close below 170.
    expect(await db.alert.findUniqueOrThrow({ where: { id: created.json.id } })).toMatchObject({ armed: false, active: true });
  }, 180_000);
});
