import { afterEach, describe, expect, it, vi } from "vitest";
import { resetServicesForTests } from "@/lib/services";

// Provider state seen by one bundle (the stock route) must be what /api/status (another bundle, another copy of
// the module) reports: a plain module-level Map exists once per copy.
afterEach(async () => {
  vi.resetModules();
  await resetServicesForTests();
});

describe("provider guard state is process-wide", () => {
  it("a breaker opened and an invalid key noted through one copy of guard.ts show in a second copy", async () => {
    const first = await import("@/server/market/guard");
    vi.resetModules();
    const second = await import("@/server/market/guard");
    expect(second).not.toBe(first);
    const s = first.providerState("polygon");
    s.keyInvalidUntil = Date.now() + 60_000;
    s.keyInvalidReason = "the parameter apikey is invalid or missing.";
    expect(second.providerState("polygon").keyInvalidReason).toBe("the parameter apikey is invalid or missing.");
  });

  it("data refused through one copy of data-health.ts is listed by another", async () => {
    const first = await import("@/server/market/data-health");
    vi.resetModules();
    const second = await import("@/server/market/data-health");
    first.markDegraded({ symbol: "NVDA", source: "polygon", reason: "overlap disagrees with stored history by 9.8%" });
    expect(second.degradedData()).toEqual([expect.objectContaining({ symbol: "NVDA", source: "polygon" })]);
  });
});
