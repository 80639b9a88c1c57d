import { describe, expect, it } from "vitest";
import { MemoryStore } from "@/lib/cache/memory";
import { nextAdmissionMs, slidingWindowInMemory, windowKeys } from "@/lib/rate-limit/sliding-window";

const spec = (now: number) => ({ base: "rl:ip:1", limit: 10, windowMs: 1000, now });

describe("sliding window arithmetic (memory)", () => {
  it("names the window keys and reset from the clock", () => {
    expect(windowKeys({ base: "rl:x", windowMs: 2000, now: 1_700_000_001_500 })).toEqual({
      currentKey: "rl:x:850000000",
      previousKey: "rl:x:849999999",
      resetMs: 1_700_000_002_000,
    });
  });

  it("weights the previous window by its remaining overlap", () => {
    const store = new MemoryStore({ maxEntries: 100 });
    // 10 requests fill window 1000 (t = 1_000_000 .. 1_000_999).
    for (let i = 0; i < 10; i++) expect(slidingWindowInMemory(store, spec(1_000_000 + i)).success).toBe(true);
    expect(slidingWindowInMemory(store, spec(1_000_500)).success).toBe(false);
    // 30% into the next window, floor(0.7 * 10) = 7 of them still count: 3 more fit.
    const at = 1_001_300;
    const next = [1, 2, 3, 4].map(() => slidingWindowInMemory(store, spec(at)));
    expect(next.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(next.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(next[0].resetMs).toBe(1_002_000);
    // 75% in: floor(0.25 * 10) = 2 from the previous window + 3 earlier + this one => 4 left.
    expect(slidingWindowInMemory(store, spec(1_001_750))).toEqual({ success: true, limit: 10, remaining: 4, resetMs: 1_002_000 });
  });
});

describe("when a refused caller is admitted again", () => {
  it("reports the first moment the sliding count drops below the limit, and that moment admits", () => {
    const store = new MemoryStore({ maxEntries: 100 });
    for (let i = 0; i < 10; i++) slidingWindowInMemory(store, spec(1_000_000 + i));
    // Full window, nothing before: 1 ms into the next window floor(0.999 * 10) = 9 < 10.
    const refused = slidingWindowInMemory(store, spec(1_000_500));
    expect(refused).toMatchObject({ success: false, resetMs: 1_001_001 });
    expect(slidingWindowInMemory(store, spec(1_001_000)).success).toBe(false);
    expect(slidingWindowInMemory(store, spec(1_001_001)).success).toBe(true);
    // Now 10 before and 1 here: admitted once floor((1 - p) * 10) < 9, i.e. p > 0.1: at 1_001_101.
    const again = slidingWindowInMemory(store, spec(1_001_002));
    expect(again).toMatchObject({ success: false, resetMs: 1_001_101 });
    expect(slidingWindowInMemory(store, spec(1_001_100)).success).toBe(false);
    expect(slidingWindowInMemory(store, spec(1_001_101)).success).toBe(true);
  });

  it("is the next window's start plus the decay still needed when the current window alone is over the limit", () => {
    expect(nextAdmissionMs({ previous: 0, current: 20, limit: 10, windowMs: 1000, now: 5_200 })).toBe(6_501);
    expect(nextAdmissionMs({ previous: 8, current: 3, limit: 10, windowMs: 1000, now: 5_100 })).toBe(5_126);
  });
});
