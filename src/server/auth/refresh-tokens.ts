// Refresh tokens for API clients: opaque random strings (rt_...), stored as sha256 hashes. Each use rotates:
// the token is marked used and a new one of the same family (one sign-in) is returned. A used token presented
// again means a copy is in someone else's hands, so the whole family is revoked and both holders must sign in
// again (the reuse detection of OAuth 2.0 Security BCP, section 4.14.2).
import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { unauthorized } from "@/lib/errors";
import { logger } from "@/lib/logger";

const PREFIX = "rt_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface IssuedRefreshToken {
  refresh_token: string;
  refresh_expires_at: string;
}

export async function issueRefreshToken({ userId, familyId = randomUUID(), now = new Date() }: { userId: string; familyId?: string; now?: Date }): Promise<IssuedRefreshToken> {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + getEnv().REFRESH_TOKEN_EXPIRE_DAYS * 86_400_000);
  const db = await getDb();
  await db.refreshToken.create({ data: { userId, familyId, tokenHash: hashToken(token), expiresAt } });
  return { refresh_token: token, refresh_expires_at: expiresAt.toISOString() };
}

export const REFRESH_REUSED =
  "This refresh token was already used. Every token from the same sign-in has been revoked; sign in again";

async function revokeFamily(familyId: string, now: Date): Promise<number> {
  const db = await getDb();
  return (await db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } })).count;
}

/** Spends a refresh token: its user and a new token of the same family, or a 401 saying why not. */
export async function rotateRefreshToken({ token, now = new Date() }: { token: string; now?: Date }): Promise<{ userId: string } & IssuedRefreshToken> {
  const db = await getDb();
  const row = token.startsWith(PREFIX) ? await db.refreshToken.findUnique({ where: { tokenHash: hashToken(token) } }) : null;
  if (!row) throw unauthorized("Invalid refresh token");
  if (row.revokedAt) throw unauthorized("This refresh token has been revoked; sign in again");
  if (row.usedAt) {
    const revoked = await revokeFamily(row.familyId, now);
    logger.warn("refresh token reused: family revoked", { userId: row.userId, familyId: row.familyId, revoked });
    throw unauthorized(REFRESH_REUSED);
  }
  if (row.expiresAt <= now) throw unauthorized("This refresh token has expired; sign in again");
  // Exactly one of two simultaneous uses wins; the loser is treated as a reuse.
  const { count } = await db.refreshToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
  if (count !== 1) {
    await revokeFamily(row.familyId, now);
    throw unauthorized(REFRESH_REUSED);
  }
  return { userId: row.userId, ...(await issueRefreshToken({ userId: row.userId, familyId: row.familyId, now })) };
}

/** Logout for API clients: the token's whole family ends. False when the token is unknown. */
export async function revokeRefreshToken({ token, now = new Date() }: { token: string; now?: Date }): Promise<boolean> {
  const db = await getDb();
  const row = token.startsWith(PREFIX) ? await db.refreshToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { familyId: true } }) : null;
  if (!row) return false;
  await revokeFamily(row.familyId, now);
  return true;
}
