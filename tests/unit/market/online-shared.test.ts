import { afterEach, describe, expect, it, vi } from "vitest";

// Next gives the start-up hook, each page and each route bundle their own copy of a module. The offline mark
// the start-up probe sets must reach every copy: the stock page offered the 1D chart on an offline machine
// because its copy of online.ts had never seen a failure.
afterEach(async () => {
  const { markOnline } = await import("@/server/market/online");
  markOnline();
  vi.resetModules();
});

describe("the offline mark is process-wide", () => {
  it("a second copy of the module (another bundle) sees the mark the first copy set, and its clearing", async () => {
    const first = await import("@/server/market/online");
    vi.resetModules();
    const second = await import("@/server/market/online");
    expect(second).not.toBe(first);
    expect(second.isOnline()).toBe(true);
    first.markOffline("query2.finance.yahoo.com: ENOTFOUND", "query2.finance.yahoo.com");
    expect(second.isOnline()).toBe(false);
    expect(second.offlineReason()).toBe("query2.finance.yahoo.com: ENOTFOUND");
    second.markOnline();
    expect(first.isOnline()).toBe(true);
  });
});
