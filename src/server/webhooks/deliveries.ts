import "server-only";
// Delivery of events to webhook endpoints: one row per endpoint and event (the event id is the idempotency
// key and the webhook-id header), one logged row per attempt, retries on a schedule like Standard Webhooks'
// reference (8 attempts over about 27 hours) and auto-disable of an endpoint that keeps failing.
import { getDb, Prisma, type PrismaClient } from "@/lib/db";
import { logger } from "@/lib/logger";
import { postJson, type SendOutcome } from "./send";
import { decryptSecret, signatureHeaders } from "./signing";

/** Wait before attempt n+1 after attempt n failed (index n-1). */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** Failed attempts in a row (across deliveries, no success between) after which an endpoint is switched off. */
export const DISABLE_AFTER_FAILURES = 15;
// How long a claimed delivery is held by the process sending it before the sweep may take it again.
const CLAIM_MS = 5 * 60_000;

export interface EventEnvelope {
  id: string;
  type: string;
  timestamp: string;
  data: unknown;
}

/**
 * Creates the deliveries of one event (skipping any that exist: re-publishing an event id is a no-op). `db` may be
 * a transaction's client (the deliveries commit with what caused them); `notBefore` holds them until then (quiet
 * hours: the retry sweep sends them when due).
 */
export async function createDeliveries({ event, webhookIds, db: given, notBefore }: { event: EventEnvelope; webhookIds: string[]; db?: Pick<PrismaClient, "webhookDelivery">; notBefore?: Date | null }): Promise<string[]> {
  if (webhookIds.length === 0) return [];
  const db = given ?? (await getDb());
  const due = notBefore ?? new Date();
  await db.webhookDelivery.createMany({
    data: webhookIds.map((webhookId) => ({
      webhookId,
      eventId: event.id,
      eventType: event.type,
      payload: event as unknown as Prisma.InputJsonValue,
      nextAttemptAt: due,
    })),
    skipDuplicates: true,
  });
  const rows = await db.webhookDelivery.findMany({
    where: { eventId: event.id, webhookId: { in: webhookIds }, status: "pending", attempts: 0 },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Takes a due delivery for this process; false when another process has it or it is not due. */
async function claim(id: string, now: Date): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.webhookDelivery.updateMany({
    where: { id, status: "pending", nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
  });
  return count === 1;
}

/**
 * True when a write failed because its row, or the row it points to, was deleted meanwhile: the endpoint was
 * removed (its deliveries and their log go with it) while a delivery was being sent.
 */
export function isDeletedMeanwhile(err: unknown): boolean {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } } | null;
  if (e?.code === "P2025" || e?.code === "P2003") return true;
  // A driver adapter's own words for a foreign key that points nowhere (Postgres 23503).
  const cause = e?.meta?.driverAdapterError?.cause;
  return cause?.kind === "ForeignKeyConstraintViolation" || cause?.originalCode === "23503";
}

/** One attempt of one delivery. Receiver failures are recorded, never thrown. */
export async function attemptDelivery({ deliveryId, now = new Date() }: { deliveryId: string; now?: Date }): Promise<SendOutcome | null> {
  if (!(await claim(deliveryId, now))) return null;
  const db = await getDb();
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: true } });
  if (!delivery) return null;
  const { webhook } = delivery;
  if (!webhook.enabled) {
    await db.webhookDelivery.updateMany({ where: { id: deliveryId }, data: { status: "failed", nextAttemptAt: null } });
    return null;
  }
  const body = JSON.stringify(delivery.payload);
  let outcome: SendOutcome;
  try {
    const headers = signatureHeaders({ secret: decryptSecret(webhook.secretEnc), id: delivery.eventId, body, at: now });
    outcome = await postJson({ url: webhook.url, body, headers });
  } catch (err) {
    outcome = { ok: false, statusCode: null, latencyMs: 0, error: err instanceof Error ? err.message : String(err) };
  }
  try {
    await record({ deliveryId, webhookId: webhook.id, attempt: delivery.attempts + 1, outcome, now });
  } catch (err) {
    if (!isDeletedMeanwhile(err)) throw err;
    // The receiver has its answer; there is no log left to write it to.
    logger.info("webhook deleted while a delivery was in flight", { deliveryId, webhookId: webhook.id });
  }
  return outcome;
}

/** Logs the attempt, then marks the delivery delivered, due again later or failed for good. */
async function record({ deliveryId, webhookId, attempt, outcome, now }: { deliveryId: string; webhookId: string; attempt: number; outcome: SendOutcome; now: Date }): Promise<void> {
  const db = await getDb();
  await db.webhookAttempt.create({
    data: { deliveryId, attempt, statusCode: outcome.statusCode, latencyMs: outcome.latencyMs, error: outcome.error?.slice(0, 500) ?? null },
  });
  if (outcome.ok) {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "delivered", attempts: attempt, nextAttemptAt: null } });
    await db.webhook.update({ where: { id: webhookId }, data: { consecutiveFailures: 0 } });
    return;
  }
  const last = attempt >= MAX_ATTEMPTS;
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: { status: last ? "failed" : "pending", attempts: attempt, nextAttemptAt: last ? null : new Date(now.getTime() + RETRY_DELAYS_MS[attempt - 1]) },
  });
  const updated = await db.webhook.update({ where: { id: webhookId }, data: { consecutiveFailures: { increment: 1 } } });
  if (updated.consecutiveFailures >= DISABLE_AFTER_FAILURES && updated.enabled) await disable(webhookId, updated.consecutiveFailures, outcome);
}

async function disable(webhookId: string, failures: number, outcome: SendOutcome): Promise<void> {
  const db = await getDb();
  const reason = `Switched off after ${failures} failed deliveries in a row (last: ${outcome.error ?? `HTTP ${outcome.statusCode}`})`;
  await db.webhook.update({ where: { id: webhookId }, data: { enabled: false, disabledReason: reason } });
  await db.webhookDelivery.updateMany({ where: { webhookId, status: "pending" }, data: { status: "failed", nextAttemptAt: null } });
  logger.warn("webhook disabled", { webhookId, failures });
}

/** The retry sweep (cron, every minute): attempts every due delivery. */
export async function retryDueDeliveries({ now = new Date(), limit = 100, webhookId }: { now?: Date; limit?: number; webhookId?: string } = {}) {
  const db = await getDb();
  const due = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...(webhookId ? { webhookId } : {}) },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  let delivered = 0;
  let failed = 0;
  // A few at a time: one slow receiver (10 s timeout) must not hold the others back for long.
  for (let i = 0; i < due.length; i += 4) {
    const outcomes = await Promise.all(due.slice(i, i + 4).map((d) => attemptDelivery({ deliveryId: d.id, now })));
    for (const o of outcomes) if (o) o.ok ? delivered++ : failed++;
  }
  return { due: due.length, delivered, failed };
}
