import "server-only";
// Sliding-window rate limits on the cache's backend: `rateLimiter.limit({ key, limit, windowSec })`.
// @upstash/ratelimit on Upstash, its Lua script on Redis over TCP, the same arithmetic in memory
// (also the fallback while a remote backend is down, so limits keep applying per instance).
import { getCache, type Cache } from "@/lib/cache";
import type { UpstashBackend } from "@/lib/cache/upstash";
import { SLIDING_WINDOW_SCRIPT, slidingWindowInMemory, toResult, windowKeys, type RateLimitResult } from "./sliding-window";
import { createUpstashLimiter } from "./upstash";

export type { RateLimitResult } from "./sliding-window";

export interface RateLimiter {
  limit(args: { key: string; limit: number; windowSec: number }): Promise<RateLimitResult>;
}

export function createRateLimiter({ cache }: { cache: Cache }): RateLimiter {
  const prefix = `${cache.keyPrefix}rl`;
  const remote = cache.remote;
  const upstash = remote?.kind === "upstash" ? createUpstashLimiter({ client: (remote as UpstashBackend).client, prefix }) : null;

  return {
    async limit({ key, limit, windowSec }) {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
      if (!(windowSec > 0)) throw new RangeError(`windowSec must be positive, got ${windowSec}`);
      const windowMs = Math.round(windowSec * 1000);
      const base = `${prefix}:${key}`;
      return cache.run(
        "ratelimit",
        async (r) => {
          if (upstash) return upstash({ key, limit, windowMs });
          const now = Date.now();
          const { currentKey, previousKey } = windowKeys({ base, windowMs, now });
          const reply = await r.eval(SLIDING_WINDOW_SCRIPT, [currentKey, previousKey], [limit, now, windowMs, 1]);
          return toResult(reply, { windowMs, now });
        },
        (m) => slidingWindowInMemory(m, { base, limit, windowMs, now: Date.now() }),
      );
    },
  };
}

// A limiter keeps no state of its own (the counts live in its cache): one per cache instance, rebuilt when
// the app's cache is.
const limiters = new WeakMap<Cache, RateLimiter>();

function current(): RateLimiter {
  const c = getCache();
  let limiter = limiters.get(c);
  if (!limiter) limiters.set(c, (limiter = createRateLimiter({ cache: c })));
  return limiter;
}

export const rateLimiter: RateLimiter = {
  limit: (args) => current().limit(args),
};
