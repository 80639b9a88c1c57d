import "server-only";
// Every email goes through one table. Without SMTP_URL it stays there with status "outbox" for the operator
// (`npm run cli -- mail`, /admin/mail): the embedded shape has no mail server, and a reset link must not be
// lost. With SMTP_URL it is "pending" until sent: the first attempt runs as a job at once; a mail server that
// is down or refuses leaves it pending with a backoff, and the sweep (every minute) tries again. A row is
// claimed before sending, so two processes never both send it; the Message-ID is fixed per row, so a resend
// after an unclear failure (sent, but the answer lost) is recognised by the receiving server as the same mail.
import { getEnv } from "@/env";
import { getDb, type PrismaClient } from "@/lib/db";
import { logger } from "@/lib/logger";
import { sendSmtp } from "@/lib/notify/smtp";
import { MAIL_SEND_EVENT, queue } from "@/server/jobs";

/** Wait before attempt n+1 after attempt n failed (index n-1): about 13 hours in all. */
export const MAIL_RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000, 3 * 3600_000, 8 * 3600_000];
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;
// How long a claimed message is held by the process sending it before the sweep may take it again.
const CLAIM_MS = 2 * 60_000;

export type MailKind = "password_reset" | "email_change" | "email_changed" | "password_changed" | "alert";
export type MailStatus = "outbox" | "pending" | "sent" | "failed";
export const MAIL_STATUSES: readonly MailStatus[] = ["outbox", "pending", "sent", "failed"];

export interface MailInput {
  to: string;
  subject: string;
  text: string;
  kind: MailKind;
  userId?: string | null;
}

/** A client that can write the outbox: the app's, or a transaction's (the row commits with what caused it). */
type OutboxWriter = Pick<PrismaClient, "mailMessage">;

/**
 * Stores a message and, with SMTP configured, starts its first attempt. Never throws for a mail server's failure.
 * `notBefore` holds it until then (quiet hours: the sweep sends it when due). `defer` leaves the first attempt
 * to the caller (`startMail` once its transaction has committed; the sweep would send it within a minute anyway).
 */
export async function queueMail({ mail, db: given, notBefore, defer = false }: { mail: MailInput; db?: OutboxWriter; notBefore?: Date | null; defer?: boolean }): Promise<{ id: string; status: MailStatus }> {
  const db = given ?? (await getDb());
  const smtp = Boolean(getEnv().SMTP_URL);
  const row = await db.mailMessage.create({
    data: {
      userId: mail.userId ?? null,
      toAddress: mail.to,
      subject: mail.subject,
      text: mail.text,
      kind: mail.kind,
      status: smtp ? "pending" : "outbox",
      nextAttemptAt: smtp ? (notBefore ?? new Date()) : null,
    },
    select: { id: true, status: true },
  });
  if (smtp && !defer && !notBefore) await startMail({ id: row.id });
  return { id: row.id, status: row.status as MailStatus };
}

/** Queues the first attempt of a stored message now (when the queue cannot take it, the sweep sends it within a minute). */
export async function startMail({ id }: { id: string }): Promise<void> {
  if (!getEnv().SMTP_URL) return;
  await queue.enqueue(MAIL_SEND_EVENT, { messageId: id }).catch((err: unknown) => logger.warn("mail enqueue failed", { id, err }));
}

async function claim(id: string, now: Date): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.mailMessage.updateMany({
    where: { id, status: "pending", nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
  });
  return count === 1;
}

export interface MailAttempt {
  id: string;
  sent: boolean;
  attempts: number;
  error?: string;
}

/** One attempt of one pending message; null when it is not due or another process holds it. */
export async function attemptMail({ id, now = new Date() }: { id: string; now?: Date }): Promise<MailAttempt | null> {
  const url = getEnv().SMTP_URL;
  if (!url || !(await claim(id, now))) return null;
  const db = await getDb();
  const row = await db.mailMessage.findUnique({ where: { id } });
  if (!row) return null;
  const attempts = row.attempts + 1;
  try {
    const message = { from: getEnv().MAIL_FROM, to: row.toAddress, subject: row.subject, text: row.text, messageId: `<${row.id}@stock-hub>` };
    await sendSmtp({ url, message });
    await db.mailMessage.update({ where: { id }, data: { status: "sent", attempts, sentAt: new Date(), nextAttemptAt: null, lastError: null } });
    return { id, sent: true, attempts };
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    const delay = MAIL_RETRY_DELAYS_MS[attempts - 1];
    const giveUp = delay === undefined;
    await db.mailMessage.update({
      where: { id },
      data: { attempts, lastError: error, status: giveUp ? "failed" : "pending", nextAttemptAt: giveUp ? null : new Date(now.getTime() + delay) },
    });
    logger.warn(giveUp ? "mail failed for good" : "mail attempt failed; will retry", { id, attempts, error });
    return { id, sent: false, attempts, error };
  }
}

/** The sweep: attempts every pending message whose retry is due, oldest first. */
export async function retryDueMail({ now = new Date(), limit = 50 }: { now?: Date; limit?: number } = {}): Promise<{ attempted: number; sent: number }> {
  if (!getEnv().SMTP_URL) return { attempted: 0, sent: 0 };
  const db = await getDb();
  const due = await db.mailMessage.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  let sent = 0;
  let attempted = 0;
  for (const { id } of due) {
    const r = await attemptMail({ id, now });
    if (r) attempted++;
    if (r?.sent) sent++;
  }
  return { attempted, sent };
}

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** What the operator reads: the newest messages first, optionally of one status. */
export async function listMail({ status, limit = 20 }: { status?: MailStatus; limit?: number } = {}): Promise<OutboxEntry[]> {
  const db = await getDb();
  const rows = await db.mailMessage.findMany({ where: status ? { status } : {}, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map((r) => ({
    id: r.id,
    to: r.toAddress,
    subject: r.subject,
    text: r.text,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
  }));
}
