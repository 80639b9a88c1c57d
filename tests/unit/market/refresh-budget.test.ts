import { beforeEach, describe, expect, it } from "vitest";
import { limitedOnly, refreshSymbolBars } from "@/server/refresh/daily-refresh";
import { adjustedContinuation, polygonAggs } from "../../support/split-series";
import { clearMarketKeys, useProviders, useReplayServer } from "./setup";

// The daily refresh waits a minute and retries a symbol whose top-up found the free budget spent, and only then.
describe("daily refresh against a free tier's request budget", () => {
  const server = useReplayServer();
  const symbols = ["AAPL", "MSFT", "NVDA", "AMZN", "META", "TSLA"];
  beforeEach(async () => {
    await clearMarketKeys(symbols);
    useProviders({ server, keys: ["polygon"], order: "polygon" });
  });

  it("marks the sixth symbol within a minute as limited (Polygon free: 5 requests a minute), not the first five", async () => {
    for (const s of symbols) server.on({ path: new RegExp(`^/polygon/v2/aggs/ticker/${s}/range/1/day/`), body: polygonAggs(adjustedContinuation({ symbol: s, ratio: 1, overlap: 20, extra: 2 })) });
    const results = [];
    for (const symbol of symbols) results.push(await refreshSymbolBars({ symbol }));
    expect(results.slice(0, 5).map((r) => [r.added, limitedOnly(r)])).toEqual(Array(5).fill([2, false]));
    expect(results[5]).toMatchObject({ symbol: "TSLA", added: 0, topUp: expect.stringContaining("polygon: skipped (rate_limited)") });
    expect(limitedOnly(results[5]!)).toBe(true);
  });

  it("does not retry a provider that failed for another reason", async () => {
    server.on({ path: /^\/polygon\/v2\/aggs\/ticker\/AAPL\//, status: 503, body: { status: "ERROR", error: "unavailable" } });
    const r = await refreshSymbolBars({ symbol: "AAPL" });
    expect(r.topUp).toMatch(/^failed: /);
    expect(limitedOnly(r)).toBe(false);
  });
});
