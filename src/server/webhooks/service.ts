import "server-only";
// What /api/webhooks does, one function per endpoint. Every target is SSRF-checked when saved (and again
// when sent); the signing secret is returned once, on creation, and stored encrypted.
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import { createWithinCap } from "@/lib/db/account-cap";
import { badRequest, conflict, forbidden, notFound } from "@/lib/errors";
import type { Principal } from "@/server/auth";
import { attemptDelivery, createDeliveries, isDeletedMeanwhile } from "./deliveries";
import type { CreatedWebhook, DeliveryList, WebhookEventType, WebhookList, WebhookTestResult, WebhookView } from "./schemas";
import { encryptSecret, newSigningSecret } from "./signing";
import { assertSafeTarget } from "./url-guard";
import type { WebhookPayload } from "./payloads";

const MAX_WEBHOOKS_PER_USER = 10;

type Row = {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
};
const toView = (w: Row): WebhookView => ({
  id: w.id,
  url: w.url,
  events: w.events as WebhookEventType[],
  enabled: w.enabled,
  disabledReason: w.disabledReason,
  consecutiveFailures: w.consecutiveFailures,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

function owner(principal: Principal): { userId: string; role: "user" | "admin" } {
  if (!principal.userId) throw forbidden("Webhooks belong to a user account; the admin key has none");
  return { userId: principal.userId, role: principal.role };
}

async function checkInput({ url, events, role }: { url?: string; events?: WebhookEventType[]; role: string }) {
  if (events?.includes("job.failed") && role !== "admin") throw forbidden("job.failed events are sent only to admins");
  if (url !== undefined) await assertSafeTarget(url);
}

async function ownWebhook(principal: Principal, id: string) {
  const { userId } = owner(principal);
  const row = await (await getDb()).webhook.findFirst({ where: { id, userId } });
  if (!row) throw notFound("Unknown webhook");
  return row;
}

export async function listWebhooks({ principal }: { principal: Principal }): Promise<WebhookList> {
  const { userId } = owner(principal);
  const rows = await (await getDb()).webhook.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return { webhooks: rows.map(toView) };
}

export async function createWebhook({ principal, url, events }: { principal: Principal; url: string; events: WebhookEventType[] }): Promise<CreatedWebhook> {
  const { userId, role } = owner(principal);
  await checkInput({ url, events, role });
  const secret = newSigningSecret();
  const row = await createWithinCap({
    userId,
    cap: MAX_WEBHOOKS_PER_USER,
    held: (tx) => tx.webhook.count({ where: { userId } }),
    refusal: () => `At most ${MAX_WEBHOOKS_PER_USER} webhooks per account`,
    create: (tx) => tx.webhook.create({ data: { userId, url, events, secretEnc: encryptSecret(secret) } }),
  });
  return { ...toView(row), secret };
}

export async function getWebhook({ principal, id }: { principal: Principal; id: string }): Promise<WebhookView> {
  return toView(await ownWebhook(principal, id));
}

export async function updateWebhook({
  principal,
  id,
  url,
  events,
  enabled,
}: {
  principal: Principal;
  id: string;
  url?: string;
  events?: WebhookEventType[];
  enabled?: boolean;
}): Promise<WebhookView> {
  await ownWebhook(principal, id);
  await checkInput({ url, events, role: principal.role });
  const reenable = enabled === true ? { disabledReason: null, consecutiveFailures: 0 } : {};
  const disable = enabled === false ? { disabledReason: "Switched off by its owner" } : {};
  const row = await (await getDb()).webhook.update({
    where: { id },
    data: { ...(url !== undefined ? { url } : {}), ...(events ? { events } : {}), ...(enabled !== undefined ? { enabled } : {}), ...reenable, ...disable },
  });
  return toView(row);
}

export async function deleteWebhook({ principal, id }: { principal: Principal; id: string }) {
  await ownWebhook(principal, id);
  await (await getDb()).webhook.delete({ where: { id } });
  return { deleted: true, id };
}

const DELETED_DURING_TEST = "Unknown webhook (deleted while its test event was being sent)";

/**
 * Sends a signed `webhook.test` event now and reports the first attempt; failures retry like any delivery. An
 * endpoint deleted meanwhile: 404 before the event left, the attempt's result once the receiver had it.
 */
export async function sendTestEvent({ principal, id }: { principal: Principal; id: string }): Promise<WebhookTestResult> {
  const row = await ownWebhook(principal, id);
  if (!row.enabled) throw badRequest("This webhook is switched off; enable it first");
  const data: WebhookPayload<"webhook.test"> = { message: "Test event from Stock Hub", webhookId: id };
  const event = { id: `evt_${randomUUID()}`, type: "webhook.test", timestamp: new Date().toISOString(), data };
  const [deliveryId] = await createDeliveries({ event, webhookIds: [id] }).catch((err: unknown) => {
    throw isDeletedMeanwhile(err) ? notFound(DELETED_DURING_TEST) : err;
  });
  if (!deliveryId) throw notFound(DELETED_DURING_TEST);
  const outcome = await attemptDelivery({ deliveryId });
  if (!outcome && !(await (await getDb()).webhook.findUnique({ where: { id }, select: { id: true } }))) throw notFound(DELETED_DURING_TEST);
  return {
    eventId: event.id,
    deliveryId,
    delivered: outcome?.ok ?? false,
    statusCode: outcome?.statusCode ?? null,
    latencyMs: outcome?.latencyMs ?? null,
    error: outcome?.error ?? null,
  };
}

export async function listDeliveries({ principal, id, limit }: { principal: Principal; id: string; limit: number }): Promise<DeliveryList> {
  await ownWebhook(principal, id);
  const rows = await (await getDb()).webhookDelivery.findMany({
    where: { webhookId: id },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { log: { orderBy: { attempt: "asc" } } },
  });
  return {
    deliveries: rows.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      status: d.status as "pending" | "delivered" | "failed",
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      log: d.log.map((a) => ({ attempt: a.attempt, statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error, at: a.createdAt.toISOString() })),
    })),
  };
}
