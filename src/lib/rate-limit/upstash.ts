import "server-only";
// On Upstash the limiter is @upstash/ratelimit itself; one Ratelimit per (limit, window) pair.
import { Ratelimit } from "@upstash/ratelimit";
import type { UpstashClient } from "@/lib/cache/upstash";
import type { RateLimitResult } from "./sliding-window";

export function createUpstashLimiter({ client, prefix }: { client: UpstashClient; prefix: string }) {
  const limiters = new Map<string, Ratelimit>();
  return async ({ key, limit, windowMs }: { key: string; limit: number; windowMs: number }): Promise<RateLimitResult> => {
    const id = `${limit}/${windowMs}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: client,
        limiter: Ratelimit.slidingWindow(limit, `${windowMs} ms`),
        prefix,
        // The Cache's timeout and memory fallback handle outages; Ratelimit's own timeout would
        // silently allow every request, and its ephemeral block cache would make counts differ
        // from the other backends.
        timeout: 0,
        ephemeralCache: false,
        analytics: false,
        enableProtection: false,
      });
      limiters.set(id, limiter);
    }
    const r = await limiter.limit(key);
    return { success: r.success, limit: r.limit, remaining: r.remaining, resetMs: r.reset };
  };
}
