import "server-only";
// The last good live answer per key, kept far longer than its cache TTL: when every live provider fails
// later (an outage, a consent wall, a changed format) and the shipped set does not have the symbol, the
// page shows this answer marked stale instead of an error.
import { cache } from "@/lib/cache";
import { logger } from "@/lib/logger";

const KEEP_SEC = 7 * 24 * 60 * 60;
const keyOf = (key: string) => `lastgood:${key}`;

export async function rememberGood<T extends object>(key: string, value: T): Promise<void> {
  await cache.set(keyOf(key), value, { ttlSec: KEEP_SEC }).catch((err) => logger.warn("last-good set failed", { key, err }));
}

/** The last good answer for `key`, marked stale, or null. */
export async function lastGood<T extends object>(key: string): Promise<(T & { stale: true }) | null> {
  const v = await cache.get<T>(keyOf(key)).catch(() => null);
  return v ? { ...v, stale: true } : null;
}
