import "server-only";
// The one way domain code announces something: a served forecast, a promoted model, a triggered alert or a
// failed job is published once, here. Live streams receive it through the event bus (every instance);
// subscribed webhooks get a delivery each through the job queue; failed jobs also page the operators.
// Publishing never throws: the work that produced the event must not fail because of its notifications.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { getDb } from "@/lib/db";
import { bus } from "@/lib/events";
import { logger } from "@/lib/logger";
import { notifyOperators } from "./operator";
import { DELIVERY_EVENT, queue } from "@/server/jobs";
import { createDeliveries, type EventEnvelope, type WebhookEventType, type WebhookPayload } from "@/server/webhooks";

/** Bus topics the streams listen to. */
export const topics = {
  predictions: "predictions",
  models: "models",
  jobs: "jobs",
  alerts: (userId: string) => `alerts:${userId}`,
  /** A person's in-app notification list: new entries and read marks (the header bell). */
  notifications: (userId: string) => `notifications:${userId}`,
};

function topicOf(type: WebhookEventType, userId?: string): string {
  if (type === "alert.triggered") return topics.alerts(userId ?? "unknown");
  if (type === "prediction.updated") return topics.predictions;
  if (type === "model.promoted") return topics.models;
  return topics.jobs;
}

/** An event type with its payload, typed by the webhook payload schemas (src/server/webhooks/payloads.ts). */
export type PublishedEvent = { [T in WebhookEventType]: { type: T; data: WebhookPayload<T> } }[WebhookEventType];

export async function publishEvent(
  args: PublishedEvent & {
    /** The owner, for per-user events (alert.triggered). */
    userId?: string;
    /** A stable id makes a repeated publication of the same fact deliver once per endpoint. */
    id?: string;
    db?: PrismaClient;
    /** false: the publisher made the webhook deliveries itself, in the transaction that recorded the fact (fired alerts). */
    webhooks?: boolean;
  },
): Promise<EventEnvelope> {
  const { type, data, userId, id = `evt_${randomUUID()}`, db, webhooks = true } = args;
  const event: EventEnvelope = { id, type, timestamp: new Date().toISOString(), data };
  await bus.publish({ topic: topicOf(type, userId), type, data: event }).catch((err: unknown) => logger.warn("event bus publish failed", { type, err }));
  // A failing delivery job must not fan out into more deliveries of its own failure.
  const isDeliveryFailure = args.type === "job.failed" && args.data.name.startsWith("webhooks/");
  if (webhooks && !isDeliveryFailure) await fanOutToWebhooks({ event, userId, db }).catch((err: unknown) => logger.warn("webhook fan-out failed", { type, err }));
  if (type === "job.failed") await notifyOperators({ event }).catch((err: unknown) => logger.warn("operator alert failed", { err }));
  return event;
}

async function fanOutToWebhooks({ event, userId, db }: { event: EventEnvelope; userId?: string; db?: PrismaClient }): Promise<void> {
  const prisma = db ?? (await getDb());
  const type = event.type as WebhookEventType;
  const hooks = await prisma.webhook.findMany({
    where: {
      enabled: true,
      events: { has: type },
      ...(type === "alert.triggered" ? { userId: userId ?? "" } : {}),
      ...(type === "job.failed" ? { user: { role: "admin" } } : {}),
    },
    select: { id: true },
  });
  const ids = await createDeliveries({ event, webhookIds: hooks.map((h) => h.id), db: prisma });
  if (ids.length === 0) return;
  for (const deliveryId of ids) {
    // When the queue cannot take it, the retry sweep sends it within a minute.
    await queue.enqueue(DELIVERY_EVENT, { deliveryId }).catch((err: unknown) => logger.warn("delivery enqueue failed", { deliveryId, err }));
  }
}
