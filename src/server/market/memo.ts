import "server-only";
// Cache-aside with a TTL chosen after loading (a shipped-set fallback is kept briefly so live data
// returns soon), single-flight per key within this instance, and a small in-process copy of hot
// entries for a few seconds: the cached quote route then costs neither a Redis round trip nor a
// JSON parse per request. A few seconds of staleness is far below every market TTL.
import { cache } from "@/lib/cache";
import { logger } from "@/lib/logger";
import { onServicesReset } from "@/lib/services";

const inflight = new Map<string, Promise<unknown>>();
const HOT_TTL_MS = 5_000;
const HOT_MAX = 500;
const hot = new Map<string, { value: unknown; expires: number }>();

function remember(key: string, value: unknown, ttlSec: number): void {
  if (hot.size >= HOT_MAX) hot.delete(hot.keys().next().value!);
  hot.set(key, { value, expires: Date.now() + Math.min(HOT_TTL_MS, ttlSec * 1000) });
}

// Tests delete cache keys between cases: resetServicesForTests() drops the in-process copies too.
onServicesReset(() => {
  hot.clear();
  inflight.clear();
});

export async function memo<T extends object>(
  key: string,
  loader: () => Promise<{ value: T; ttlSec: number }>,
): Promise<T & { cached?: boolean }> {
  const h = hot.get(key);
  if (h && h.expires > Date.now()) return h.value as T & { cached: true };
  const running = inflight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const p = (async () => {
    const hit = await cache.get<T>(key).catch(() => null);
    if (hit !== null) {
      const value = { ...hit, cached: true };
      remember(key, value, 5);
      return value;
    }
    const { value, ttlSec } = await loader();
    if (ttlSec > 0) {
      await cache.set(key, value, { ttlSec }).catch((err) => logger.warn("cache set failed", { key, err }));
      remember(key, { ...value, cached: true }, ttlSec);
    }
    return value;
  })().finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

/** Drops cached payloads (this process's hot copies and the shared cache), e.g. after new bars were stored. */
export async function forget(keys: string[]): Promise<void> {
  for (const k of keys) hot.delete(k);
  await Promise.all(keys.map((k) => cache.del(k).catch((err) => logger.warn("cache del failed", { key: k, err }))));
}
