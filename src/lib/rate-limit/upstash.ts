import "server-only";
// On Upstash the limiter is @upstash/ratelimit itself; one Ratelimit per (limit, window) pair.
import { Ratelimit } from "@upstash/ratelimit";
import type { UpstashClient } from "@/lib/cache/upstash";
import { nextAdmissionMs, type RateLimitResult } from "./sliding-window";

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
    const now = Date.now();
    const r = await limiter.limit(key);
    if (r.success) return { success: true, limit: r.limit, remaining: r.remaining, resetMs: r.reset };
    // Ratelimit reports the window's end; the honest wait comes from the two counters it keeps
    // (`<prefix>:<key>:<window index>`), read only when refusing.
    const w = Math.floor(now / windowMs);
    const [current, previous] = await client.mget<(string | number | null)[]>(`${prefix}:${key}:${w}`, `${prefix}:${key}:${w - 1}`);
    const resetMs = nextAdmissionMs({ previous: Number(previous ?? 0), current: Number(current ?? limit), limit, windowMs, now });
    return { success: false, limit: r.limit, remaining: 0, resetMs };
  };
}
