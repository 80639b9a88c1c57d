import "server-only";
// Firing one alert, exactly once. Everything the firing leaves behind commits in one transaction: the level
// alert disarmed (only an armed one can fire: two evaluations at once, or one after a restart, find it
// disarmed), the trigger row (unique per alert and session: at most one firing a session), the in-app entry,
// the email in the outbox and the webhook deliveries. Only then are the first attempts queued and the live
// streams told. A process that dies after the commit leaves pending mail and deliveries that the every-minute
// sweeps send; one that dies before it leaves the alert armed, and the next evaluation fires it.
// Quiet hours hold the email and the webhook deliveries (queued with their first attempt at the window's end);
// the in-app entry is made at once.
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { publishEvent } from "@/server/events";
import { DELIVERY_EVENT, queue } from "@/server/jobs";
import { alertMail, queueMail, startMail } from "@/server/mail";
import { announceCreated, heldUntil, quietHoursOf, toNotificationView, unreadCount } from "@/server/notifications";
import { createDeliveries, type EventEnvelope, type WebhookPayload } from "@/server/webhooks";
import { alertTitle, type Check, type Observation } from "./conditions";
import { LEVEL_TYPES, type AlertType } from "./schemas";

export interface FirableAlert {
  id: string;
  userId: string;
  symbol: string;
  type: string;
  price: number | null;
  percent: number | null;
  channels: string[];
}

type AlertPayload = WebhookPayload<"alert.triggered">;
type AlertEvent = EventEnvelope & { data: AlertPayload };

/** What the trigger row keeps of the check: the type-specific fields, without the type (the alert has it). */
function storedDetail(check: Check): Omit<Check["detail"], "type"> {
  const { type: _type, ...rest } = check.detail;
  return rest;
}

export interface Fired {
  triggerId: string;
  notificationId: string | null;
  mailId: string | null;
  deliveryIds: string[];
  heldUntil: Date | null;
}

/** Fires `alert` for `obs` unless it already fired (disarmed, or this session's trigger exists); null then. */
export async function fireAlert({ alert, obs, check, now = new Date() }: { alert: FirableAlert; obs: Observation; check: Check; now?: Date }): Promise<Fired | null> {
  const db = await getDb();
  const level = LEVEL_TYPES.includes(alert.type as AlertType);
  const session = new Date(`${obs.session}T00:00:00Z`);
  const held = alert.channels.some((c) => c === "email" || c === "webhook") ? heldUntil({ quiet: await quietHoursOf({ userId: alert.userId }), now }) : null;
  const title = alertTitle(alert);
  const done = await db.$transaction(async (tx) => {
    if (level) {
      const { count } = await tx.alert.updateMany({ where: { id: alert.id, armed: true }, data: { armed: false } });
      if (count === 0) return null;
    }
    const created = await tx.alertTrigger.createMany({
      data: [{ alertId: alert.id, userId: alert.userId, symbol: alert.symbol, session, close: obs.price, message: check.message, detail: storedDetail(check) }],
      skipDuplicates: true,
    });
    // Already fired this session (a level alert that crossed back and forth within it stays disarmed).
    if (created.count === 0) return null;
    const trigger = await tx.alertTrigger.findUniqueOrThrow({ where: { alertId_session: { alertId: alert.id, session } } });
    await tx.alert.update({ where: { id: alert.id }, data: { lastTriggeredAt: trigger.createdAt } });
    // Object.assign keeps `type` where it always stood in the body (the detail's `type`, the alert's, only rewrites it).
    const common = { alertId: alert.id, triggerId: trigger.id, symbol: alert.symbol, type: check.detail.type, session: obs.session, close: obs.price, live: !obs.final, message: check.message };
    const data: AlertPayload = Object.assign(common, check.detail);
    const event: AlertEvent = { id: `evt_alert_${trigger.id}`, type: "alert.triggered", timestamp: now.toISOString(), data };
    const notification = alert.channels.includes("in_app")
      ? await tx.notification.create({
          data: { userId: alert.userId, kind: "alert", title, body: check.message, symbol: alert.symbol, link: `/stock/${encodeURIComponent(alert.symbol)}`, alertId: alert.id, triggerId: trigger.id },
        })
      : null;
    let mailId: string | null = null;
    if (alert.channels.includes("email")) {
      const user = await tx.user.findUniqueOrThrow({ where: { id: alert.userId }, select: { email: true } });
      const mail = alertMail({ to: user.email, userId: alert.userId, symbol: alert.symbol, title, message: check.message, heldUntil: held });
      mailId = (await queueMail({ mail, db: tx, notBefore: held, defer: true })).id;
    }
    let deliveryIds: string[] = [];
    if (alert.channels.includes("webhook")) {
      const hooks = await tx.webhook.findMany({ where: { userId: alert.userId, enabled: true, events: { has: "alert.triggered" } }, select: { id: true } });
      deliveryIds = await createDeliveries({ event, webhookIds: hooks.map((h) => h.id), db: tx, notBefore: held });
    }
    return { trigger, event, notification, mailId, deliveryIds };
  });
  if (!done) return null;
  await afterCommit({ alert, held, ...done });
  return { triggerId: done.trigger.id, notificationId: done.notification?.id ?? null, mailId: done.mailId, deliveryIds: done.deliveryIds, heldUntil: held };
}

/** First attempts (unless held) and the live announcements; nothing here can undo or repeat the firing. */
async function afterCommit(a: {
  alert: FirableAlert;
  held: Date | null;
  event: AlertEvent;
  notification: Parameters<typeof toNotificationView>[0] | null;
  mailId: string | null;
  deliveryIds: string[];
}): Promise<void> {
  if (!a.held) {
    if (a.mailId) await startMail({ id: a.mailId });
    if (a.deliveryIds.length) {
      for (const deliveryId of a.deliveryIds) {
        // When the queue cannot take it, the retry sweep sends it within a minute.
        await queue.enqueue(DELIVERY_EVENT, { deliveryId }).catch((err: unknown) => logger.warn("delivery enqueue failed", { deliveryId, err }));
      }
    }
  }
  // The alert stream (the alerts page) hears every firing; the deliveries above are the webhook channel.
  await publishEvent({ type: "alert.triggered", id: a.event.id, userId: a.alert.userId, data: a.event.data, webhooks: false });
  if (a.notification) {
    await announceCreated({ userId: a.alert.userId, notification: toNotificationView(a.notification), unread: await unreadCount({ userId: a.alert.userId }).catch(() => 0) });
  }
}
