// Ending every session of one user at once (a password reset or change): each user has a session epoch, every
// bearer token and session cookie carries the epoch it was issued at, and revokeUserSessions raises the epoch,
// so everything issued before is refused. Read through the cache like token revocations: a revocation made
// here updates the cache at once (shared with other instances when the cache is Redis/Upstash); the TTL only
// bounds how long a process with its own memory cache believes an old epoch.
import "server-only";
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";

const EPOCH_TTL_SEC = 60;
const epochKey = (userId: string) => `auth:session-epoch:${userId}`;

/** The user's current session epoch (0 until their sessions are first revoked). */
export async function sessionEpoch({ userId }: { userId: string }): Promise<number> {
  const { value } = await cache.getOrSet(epochKey(userId), { ttlSec: EPOCH_TTL_SEC }, async () => {
    const row = await (await getDb()).userSessionEpoch.findUnique({ where: { userId }, select: { epoch: true } });
    return row?.epoch ?? 0;
  });
  return value;
}

/** True when a token or cookie issued at `epoch` (absent: issued before epochs existed, 0) is still valid. */
export async function isCurrentEpoch({ userId, epoch }: { userId: string; epoch: unknown }): Promise<boolean> {
  const issued = typeof epoch === "number" && Number.isInteger(epoch) ? epoch : 0;
  return issued >= (await sessionEpoch({ userId }));
}

/**
 * Ends every session of `userId`: all bearer tokens and session cookies issued so far are refused from now on
 * (API keys are separate credentials the user manages and stay). Call it on any password reset or change;
 * sign the user in again afterwards (a token issued after this call carries the new epoch). Returns the new epoch.
 */
export async function revokeUserSessions({ userId }: { userId: string }): Promise<number> {
  const row = await (await getDb()).userSessionEpoch.upsert({
    where: { userId },
    create: { userId, epoch: 1 },
    update: { epoch: { increment: 1 } },
    select: { epoch: true },
  });
  await cache.set(epochKey(userId), row.epoch, { ttlSec: EPOCH_TTL_SEC });
  return row.epoch;
}
