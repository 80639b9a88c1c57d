// Signs an account out everywhere: every access token and browser session issued so far (the account's token
// version moves on, and credentials carry the version they were issued under) and every refresh token. Used by
// a password change, a password reset (the person's own or one an operator issues) and anything else that
// must end an account's sessions. API keys are not sessions: they stay until revoked on their own.
import "server-only";
import { getDb, type PrismaClient } from "@/lib/db";
import { forgetAccountState } from "./account-state";

export async function revokeAllSessions({ userId, db: given }: { userId: string; db?: PrismaClient }): Promise<{ tokenVersion: number; refreshTokensRevoked: number }> {
  const db = given ?? (await getDb());
  const now = new Date();
  const [user, refresh] = await db.$transaction([
    db.user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } }, select: { tokenVersion: true } }),
    db.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
  ]);
  await forgetAccountState({ userId });
  return { tokenVersion: user.tokenVersion, refreshTokensRevoked: refresh.count };
}
