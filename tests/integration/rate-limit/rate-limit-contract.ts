// The rate-limit contract: identical sliding-window counts on memory, Redis over TCP (Lua) and
// Upstash (@upstash/ratelimit through the REST server).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cache } from "@/lib/cache";
import { createRateLimiter, type RateLimiter } from "@/lib/rate-limit";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Sleeps until `offsetMs` past the next multiple of `windowMs`, so a burst falls inside one window. */
const toNextWindow = (windowMs: number, offsetMs = 20) => sleep(windowMs - (Date.now() % windowMs) + offsetMs);

export function rateLimitContract(
  name: "memory" | "redis" | "upstash",
  setup: () => Promise<{ cache: Cache; teardown: () => Promise<void> }>,
): void {
  describe(`rate-limit contract: ${name}`, () => {
    let cache: Cache;
    let teardown: () => Promise<void>;
    let limiter: RateLimiter;
    beforeAll(async () => {
      ({ cache, teardown } = await setup());
      limiter = createRateLimiter({ cache });
      expect(cache.backend).toBe(name);
    });
    afterAll(async () => {
      const failures = cache?.remoteFailures;
      await teardown?.();
      expect(failures).toBe(0);
    });

    it("allows 5 per 2 s, refuses the 6th until the window slides past", async () => {
      const windowMs = 2000;
      await toNextWindow(windowMs);
      const burst = [];
      for (let i = 0; i < 6; i++) burst.push(await limiter.limit({ key: "ip:203.0.113.7", limit: 5, windowSec: 2 }));
      const now = Date.now();
      expect(burst.map((r) => r.success)).toEqual([true, true, true, true, true, false]);
      expect(burst.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
      expect(burst.every((r) => r.limit === 5)).toBe(true);
      // Refused with all 5 in this window: the next request is admitted 1 ms into the next window, when
      // floor((1 - p) * 5) first drops below 5 (the moment the refusal reports, not the window's end).
      const reset = burst[5].resetMs;
      expect(reset).toBeGreaterThan(now);
      expect(reset % windowMs).toBe(1);
      expect(reset - now).toBeLessThanOrEqual(windowMs + 1);

      // Just after that the previous window still weighs floor((1 - 0.01) * 5) = 4 requests: one fits.
      await sleep(reset - Date.now() + 20);
      const next = [];
      for (let i = 0; i < 2; i++) next.push(await limiter.limit({ key: "ip:203.0.113.7", limit: 5, windowSec: 2 }));
      expect(next.map((r) => r.success)).toEqual([true, false]);
      expect(next[0].resetMs).toBe(reset - 1 + windowMs);
      // Refused with 5 before and 1 now: admitted once floor((1 - p) * 5) < 4, i.e. p > 0.2, 401 ms in.
      const honest = next[1].resetMs;
      expect(honest).toBe(reset - 1 + 401);
      await sleep(honest - Date.now() - 80);
      expect((await limiter.limit({ key: "ip:203.0.113.7", limit: 5, windowSec: 2 })).success).toBe(false);
      await sleep(honest - Date.now() + 20);
      expect((await limiter.limit({ key: "ip:203.0.113.7", limit: 5, windowSec: 2 })).success).toBe(true);

      // Two windows later nothing of the burst counts any more: the full 5 again.
      await sleep(reset + 2 * windowMs - Date.now() + 20);
      const fresh = [];
      for (let i = 0; i < 6; i++) fresh.push(await limiter.limit({ key: "ip:203.0.113.7", limit: 5, windowSec: 2 }));
      expect(fresh.filter((r) => r.success).length).toBe(5);
      expect(fresh[5]).toMatchObject({ success: false, remaining: 0, limit: 5 });
    });

    it("keeps separate counts per key", async () => {
      await toNextWindow(1000);
      const a = [];
      for (let i = 0; i < 3; i++) a.push(await limiter.limit({ key: "key:a", limit: 2, windowSec: 1 }));
      const b = await limiter.limit({ key: "key:b", limit: 2, windowSec: 1 });
      expect(a.map((r) => r.success)).toEqual([true, true, false]);
      expect(b).toMatchObject({ success: true, remaining: 1, limit: 2 });
    });

    it("rejects invalid limits", async () => {
      await expect(limiter.limit({ key: "x", limit: 0, windowSec: 1 })).rejects.toThrow(RangeError);
      await expect(limiter.limit({ key: "x", limit: 5, windowSec: 0 })).rejects.toThrow(RangeError);
    });
  });
}
