// What a request needs to know about the account behind a token or session cookie: that it exists, and its
// role. Believed for a short while so a bearer request does not read the users table every time; a deletion
// through this app calls forgetAccountState, so it is seen at once. (Revoked sessions: session-epochs.ts.)
import "server-only";
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";

export interface AccountState {
  id: string;
  role: "user" | "admin";
}

// Bounds how long a change written by some other path (SQL by hand, another deployment) goes unseen.
const ACCOUNT_STATE_TTL_SEC = 30;
const stateKey = (userId: string) => `auth:user-role:${userId}`;

export async function accountState({ userId }: { userId: string }): Promise<AccountState | null> {
  const { value } = await cache.getOrSet(stateKey(userId), { ttlSec: ACCOUNT_STATE_TTL_SEC }, async () => {
    const db = await getDb();
    const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    return user ? { id: user.id, role: user.role === "admin" ? ("admin" as const) : ("user" as const) } : null;
  });
  return value;
}

export async function forgetAccountState({ userId }: { userId: string }): Promise<void> {
  await cache.del(stateKey(userId));
}
