// Single-use tokens sent in emailed links: a password reset (1 hour) or the confirmation of a new email
// address (24 hours). Only the sha256 of a token is stored; a token is spent by an update that only one
// caller can win, so a link works once even when it is opened twice at the same moment.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb, type PrismaClient } from "@/lib/db";

export type LinkPurpose = "password_reset" | "email_change";
export const RESET_VALID_MINUTES = 60;
export const EMAIL_CHANGE_VALID_HOURS = 24;
// More reset mails than this per account per hour are not sent (still 202): a mailbox is not a target.
export const RESET_MAILS_PER_HOUR = 3;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const validMs = (purpose: LinkPurpose) => (purpose === "password_reset" ? RESET_VALID_MINUTES * 60_000 : EMAIL_CHANGE_VALID_HOURS * 3600_000);

export async function createLinkToken({
  userId,
  purpose,
  newEmail,
  now = new Date(),
  db: given,
}: {
  userId: string;
  purpose: LinkPurpose;
  newEmail?: string;
  now?: Date;
  db?: PrismaClient;
}): Promise<{ token: string; expiresAt: Date }> {
  const db = given ?? (await getDb());
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + validMs(purpose));
  await db.accountToken.create({ data: { userId, purpose, tokenHash: hashToken(token), newEmail: newEmail ?? null, expiresAt, createdAt: now } });
  return { token, expiresAt };
}

/** Reset links issued for the account in the last hour (the per-account mail limit). */
export async function recentLinkCount({ userId, purpose, now = new Date() }: { userId: string; purpose: LinkPurpose; now?: Date }): Promise<number> {
  const db = await getDb();
  return db.accountToken.count({ where: { userId, purpose, createdAt: { gt: new Date(now.getTime() - 3600_000) } } });
}

export interface LiveLink {
  id: string;
  userId: string;
  newEmail: string | null;
}

/** The unspent, unexpired link with this token, without spending it; null for anything else. */
export async function findLiveLink({ token, purpose, now = new Date() }: { token: string; purpose: LinkPurpose; now?: Date }): Promise<LiveLink | null> {
  const db = await getDb();
  const row = await db.accountToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) return null;
  return { id: row.id, userId: row.userId, newEmail: row.newEmail };
}

/** Spends a link; false when it was spent (or expired) in the meantime. */
export async function spendLink({ id, now = new Date(), db: given }: { id: string; now?: Date; db?: PrismaClient }): Promise<boolean> {
  const db = given ?? (await getDb());
  const { count } = await db.accountToken.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return count === 1;
}

/** Spends every other open link of the account for that purpose (after a reset, older reset mails stop working). */
export async function spendAllLinks({ userId, purpose, now = new Date(), db: given }: { userId: string; purpose: LinkPurpose; now?: Date; db?: PrismaClient }): Promise<void> {
  const db = given ?? (await getDb());
  await db.accountToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
}
