import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "@/lib/queue/cron";
import { durationMs, toTimeStr } from "@/lib/queue/durations";

describe("cron schedule", () => {
  const warm = "TZ=America/New_York */15 9-16 * * 1-5";

  it("fires every 15 minutes during New York trading hours", () => {
    // Tuesday 2026-11-17 10:07 New York (EST, UTC-5) -> 10:15
    expect(nextCronTime(warm, new Date("2026-11-17T15:07:00Z")).toISOString()).toBe("2026-11-17T15:15:00.000Z");
    // exactly on a slot: strictly after
    expect(nextCronTime(warm, new Date("2026-11-17T15:15:00Z")).toISOString()).toBe("2026-11-17T15:30:00.000Z");
  });

  it("skips the weekend and the night", () => {
    // Friday 2026-11-20 16:50 New York -> Monday 09:00 New York
    expect(nextCronTime(warm, new Date("2026-11-20T21:50:00Z")).toISOString()).toBe("2026-11-23T14:00:00.000Z");
  });

  it("follows daylight saving time in the named zone", () => {
    // Monday 2026-07-06 08:59 EDT (UTC-4) -> 09:00 EDT = 13:00Z
    expect(nextCronTime(warm, new Date("2026-07-06T12:59:00Z")).toISOString()).toBe("2026-07-06T13:00:00.000Z");
  });

  it("handles lists, ranges, steps and either-day matching", () => {
    expect(nextCronTime("0 3 * * 0", new Date("2026-11-22T04:00:00Z")).toISOString()).toBe("2026-11-29T03:00:00.000Z");
    expect(nextCronTime("30 1,13 * * *", new Date("2026-11-22T02:00:00Z")).toISOString()).toBe("2026-11-22T13:30:00.000Z");
    // day 1 of the month OR a Sunday: from Mon 2026-11-23 the next is Sun 2026-11-29
    expect(nextCronTime("0 0 1 * 0", new Date("2026-11-23T00:00:00Z")).toISOString()).toBe("2026-11-29T00:00:00.000Z");
    expect([...parseCron("0-10/5 * * * *").fields[0]]).toEqual([0, 5, 10]);
  });

  it("rejects malformed expressions", () => {
    for (const bad of ["* * * *", "60 * * * *", "*/0 * * * *", "TZ=Mars/Base * * * * *", "a b c d e"]) {
      expect(() => parseCron(bad), bad).toThrow();
    }
  });
});

describe("durations", () => {
  it("parses Inngest time strings", () => {
    expect(durationMs("1h30m")).toBe(5_400_000);
    expect(durationMs("250ms")).toBe(250);
    expect(durationMs(42)).toBe(42);
    expect(() => durationMs("soon")).toThrow();
    expect(toTimeStr(600_000)).toBe("600s");
    expect(toTimeStr(1500)).toBe("2s");
  });
});
