// Signs an account out everywhere: every access token and browser session issued so far (revokeUserSessions,
// the session epochs) and every refresh token. Used by a password change, a password reset (the person's own
// or one an operator issues from the CLI). API keys are not sessions: they stay until revoked on their own.
import "server-only";
import { getDb } from "@/lib/db";
import { revokeUserSessions } from "./session-epochs";

export async function revokeAllSessions({ userId }: { userId: string }): Promise<{ epoch: number; refreshTokensRevoked: number }> {
  const epoch = await revokeUserSessions({ userId });
  const db = await getDb();
  const { count } = await db.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return { epoch, refreshTokensRevoked: count };
}
