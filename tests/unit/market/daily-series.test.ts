import { beforeEach, describe, expect, it } from "vitest";
import { getDaily, getTimeseries } from "@/server/market";
import { loadDailySeries } from "@/server/market/bar-store/daily-series";
import { barStore } from "@/server/market/bar-store/store";
import { loadHistory } from "@/server/price-history/load-history";
import { adjustedContinuation, polygonAggs, shippedCsv } from "../../support/split-series";
import { clearMarketKeys, useProviders, useReplayServer } from "./setup";

const DAILY = (symbol: string) => new RegExp(`^/polygon/v2/aggs/ticker/${symbol}/range/1/day/`);
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe("daily history: shipped set + bar store + provider top-up", () => {
  const server = useReplayServer();
  const nvda = shippedCsv("NVDA");
  const provider = adjustedContinuation({ symbol: "NVDA", ratio: 10, overlap: 30, extra: 80 });

  beforeEach(async () => {
    await clearMarketKeys(["NVDA", "ZZTOP"]);
    useProviders({ server, keys: ["polygon"], order: "polygon" });
  });

  it("stores a provider's split-adjusted answer and serves NVDA's shipped history rescaled in front of it", async () => {
    server.on({ path: DAILY("NVDA"), body: polygonAggs(provider) });
    const d = await getDaily({ symbol: "NVDA" });
    expect(d.source).toBe("polygon");
    expect(d.bars).toHaveLength(nvda.length + 80);
    expect(d.bars.at(-1)).toMatchObject({ time: provider.at(-1)!.time, close: provider.at(-1)!.close });
    expect(d.bars.find((b) => b.time === "2024-03-08")!.close).toBeCloseTo(87.528, 3);
    expect(d.bars[0]!.close).toBeCloseTo(nvda[0]!.close / 10, 8);
    const stored = await barStore().read("NVDA");
    expect(stored).toHaveLength(110);
    expect(stored[0]).toMatchObject({ time: provider[0]!.time, source: "polygon" });
    // The 10-year chart and training see the same joined series.
    const ts = await getTimeseries({ symbol: "NVDA", range: "10Y" });
    expect(ts).toMatchObject({ source: "polygon", historical: false, asOf: provider.at(-1)!.time });
    expect(Math.min(...ts.points.slice(1).map((p, i) => p.price / ts.points[i]!.price - 1))).toBeGreaterThan(-0.5);
    const h = await loadHistory({ symbol: "NVDA" });
    expect(h.asOf).toBe(provider.at(-1)!.time);
  });

  it("tops up only when the stored bars are older than the daily TTL, and adds the new session", async () => {
    server.on({ path: DAILY("NVDA"), body: polygonAggs(provider.slice(0, 100)) });
    await loadDailySeries({ symbol: "NVDA" });
    const calls = server.calls("/polygon/v2/aggs").length;
    const skipped = await loadDailySeries({ symbol: "NVDA", now: later(5) });
    expect(skipped.topUp).toMatch(/^skipped: fetched at /);
    expect(server.calls("/polygon/v2/aggs")).toHaveLength(calls);
    server.reset();
    server.on({ path: DAILY("NVDA"), body: polygonAggs(provider.slice(90, 101)) });
    const next = await loadDailySeries({ symbol: "NVDA", now: later(31) });
    expect(next).toMatchObject({ added: 1, source: "polygon" });
    expect(next.bars.at(-1)!.time).toBe(provider[100]!.time);
    expect(await barStore().read("NVDA")).toHaveLength(101);
  });

  it("refuses an answer whose overlap disagrees: nothing stored, the shipped history keeps serving", async () => {
    const off = provider.map((b) => ({ ...b, open: b.open * 1.3, high: b.high * 1.3, low: b.low * 1.3, close: b.close * 1.3 }));
    server.on({ path: DAILY("NVDA"), body: polygonAggs(off) });
    const d = await loadDailySeries({ symbol: "NVDA" });
    expect(d.topUp).toMatch(/^refused: the overlap disagrees: 30 shared sessions/);
    expect(d).toMatchObject({ source: "shipped", added: 0 });
    expect(d.bars).toEqual(nvda);
    expect(await barStore().read("NVDA")).toEqual([]);
  });

  it("writes nothing from an answer with invalid rows, nor from one cut short, and keeps the last good series", async () => {
    server.on({ path: DAILY("NVDA"), body: polygonAggs(provider.slice(0, 60)) });
    const good = await loadDailySeries({ symbol: "NVDA" });
    const held = await barStore().read("NVDA");
    server.reset();
    const broken = provider.slice(50, 70).map((b, i) => (i === 15 ? { ...b, low: b.high * 1.1 } : b));
    server.on({ path: DAILY("NVDA"), body: polygonAggs(broken) });
    const afterBroken = await loadDailySeries({ symbol: "NVDA", now: later(31) });
    expect(afterBroken.topUp).toBe("refused: polygon answer had invalid rows");
    expect(afterBroken.bars).toEqual(good.bars);
    server.reset();
    server.on({ path: DAILY("NVDA"), body: polygonAggs(provider.slice(40, 55)) });
    const afterShort = await loadDailySeries({ symbol: "NVDA", now: later(62) });
    expect(afterShort.topUp).toMatch(/^refused: the new series ends .* \(truncated\?\)$/);
    expect(afterShort.bars).toEqual(good.bars);
    expect(await barStore().read("NVDA")).toEqual(held);
  });

  it("serves a symbol outside the shipped set from the provider alone: chart and training history", async () => {
    const bars = adjustedContinuation({ symbol: "MSFT", ratio: 1, overlap: 600, extra: 40 });
    server.on({ path: DAILY("ZZTOP"), body: polygonAggs(bars) });
    const ts = await getTimeseries({ symbol: "ZZTOP", range: "2Y" });
    expect(ts).toMatchObject({ symbol: "ZZTOP", source: "polygon", historical: false, asOf: bars.at(-1)!.time });
    const h = await loadHistory({ symbol: "ZZTOP" });
    expect(h.series.close).toHaveLength(640);
    expect(h.source).toBe("polygon");
  });
});
