import { afterEach, describe, expect, it, vi } from "vitest";
import { resetServicesForTests } from "@/lib/services";

// Next gives the start-up hook, each page and each route bundle their own copy of a module. State one copy
// sets must reach every copy: the stock page offered the 1D chart on an offline machine because its copy of
// online.ts had never seen the start-up probe's failure, and /api/status could not see a provider the stock
// route found with an invalid key. Each test imports a module twice (vi.resetModules: a second bundle).
afterEach(async () => {
  const { markOnline } = await import("@/server/market/online");
  markOnline();
  vi.resetModules();
  await resetServicesForTests();
});

async function twoCopies<T>(load: () => Promise<T>): Promise<[T, T]> {
  const first = await load();
  vi.resetModules();
  const second = await load();
  expect(second).not.toBe(first);
  return [first, second];
}

describe("market state is process-wide, whichever bundle holds it", () => {
  it("the offline mark and its clearing", async () => {
    const [first, second] = await twoCopies(() => import("@/server/market/online"));
    expect(second.isOnline()).toBe(true);
    first.markOffline("query2.finance.yahoo.com: ENOTFOUND", "query2.finance.yahoo.com");
    expect(second.isOnline()).toBe(false);
    expect(second.offlineReason()).toBe("query2.finance.yahoo.com: ENOTFOUND");
    second.markOnline();
    expect(first.isOnline()).toBe(true);
  });

  it("an invalid key noted through one copy of guard.ts shows in a second copy", async () => {
    const [first, second] = await twoCopies(() => import("@/server/market/guard"));
    const s = first.providerState("polygon");
    s.keyInvalidUntil = Date.now() + 60_000;
    s.keyInvalidReason = "the parameter apikey is invalid or missing.";
    expect(second.providerState("polygon").keyInvalidReason).toBe("the parameter apikey is invalid or missing.");
  });

  it("data refused through one copy of data-health.ts is listed by another", async () => {
    const [first, second] = await twoCopies(() => import("@/server/market/data-health"));
    first.markDegraded({ symbol: "NVDA", source: "polygon", reason: "overlap disagrees with stored history by 9.8%" });
    expect(second.degradedData()).toEqual([expect.objectContaining({ symbol: "NVDA", source: "polygon" })]);
  });
});
