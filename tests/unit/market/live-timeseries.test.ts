import { beforeEach, describe, expect, it } from "vitest";
import { getIntraday, getTimeseries } from "@/server/market";
import { fixtureJson } from "../../support/replay-server";
import { clearMarketKeys, useProviders, useReplayServer } from "./setup";

/** Hourly candles starting before 16:00 New York time (a 16:00 bar is after-hours). */
function regularHours(raw: { t: number[]; v: number[] }): { t: number; v: number }[] {
  const hour = (t: number) => new Date(t * 1000).toLocaleTimeString("en-US", { timeZone: "America/New_York", hour12: false });
  return raw.t.map((t, i) => ({ t, v: raw.v[i]! })).filter((r) => hour(r.t) < "16:00:00");
}

describe("timeseries with an intraday provider", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    await clearMarketKeys(["AAPL"]);
    useProviders({ server, keys: ["finnhub"], order: "finnhub" });
    server.on(
      { path: "/finnhub/stock/candle", query: { resolution: "1" }, fixture: "finnhub/candle-1-AAPL-handwritten.json" },
      { path: "/finnhub/stock/candle", query: { resolution: "60" }, fixture: "finnhub/candle-60-AAPL-handwritten.json" },
      { path: "/finnhub/stock/candle", query: { resolution: "D" }, fixture: "finnhub/candle-D-AAPL-2021-09.json" },
    );
  });

  it("serves 1D as the latest session's minute bars, labelled live", async () => {
    const raw = fixtureJson<{ t: number[]; c: number[] }>("finnhub/candle-1-AAPL-handwritten.json");
    const ts = await getTimeseries({ symbol: "AAPL", range: "1D" });
    expect(ts).toMatchObject({ resolution: "1min", source: "finnhub", historical: false });
    expect(ts.points.map((p) => p.date)).toEqual(raw.t.map((t) => new Date(t * 1000).toISOString()));
    expect(ts.points.at(-1)!.price).toBe(raw.c.at(-1));
    expect(ts.asOf).toBe(new Date(raw.t.at(-1)! * 1000).toISOString());
    const intraday = await getIntraday({ symbol: "AAPL" });
    expect(intraday).toMatchObject({ interval: "1min", source: "finnhub" });
  });

  it("serves 1W hourly bars of the regular session within seven days of the newest bar", async () => {
    const raw = regularHours(fixtureJson<{ t: number[]; v: number[] }>("finnhub/candle-60-AAPL-handwritten.json"));
    const newest = raw.at(-1)!.t * 1000;
    const ts = await getTimeseries({ symbol: "AAPL", range: "1W" });
    expect(ts.resolution).toBe("60min");
    expect(ts.points).toHaveLength(raw.filter((r) => r.t * 1000 >= newest - 7 * 86_400_000).length);
  });

  it("serves 1M as 4-hour bars built from the regular session's hourly candles", async () => {
    const raw = regularHours(fixtureJson<{ t: number[]; v: number[] }>("finnhub/candle-60-AAPL-handwritten.json"));
    const ts = await getTimeseries({ symbol: "AAPL", range: "1M" });
    expect(ts.resolution).toBe("240min");
    expect(ts.points.reduce((a, p) => a + p.volume, 0)).toBe(raw.reduce((a, r) => a + r.v, 0));
  });

  it("caches intraday bars under av:intraday:{interval}:{SYMBOL}", async () => {
    await getTimeseries({ symbol: "AAPL", range: "1D" });
    const { cache } = await import("@/lib/cache");
    expect(await cache.get("av:intraday:1min:AAPL")).toMatchObject({ source: "finnhub" });
  });

  it("falls back to daily bars, honestly labelled, when the intraday provider has no data", async () => {
    server.reset();
    server.on({ path: "/finnhub/stock/candle", query: { resolution: "1" }, fixture: "finnhub/candle-no-data-shape.json" }, { path: "/finnhub/stock/candle", query: { resolution: "D" }, fixture: "finnhub/candle-D-AAPL-2021-09.json" });
    const ts = await getTimeseries({ symbol: "AAPL", range: "1D" });
    // The recorded daily candles end 2021-09-22, before the shipped set ends: its newer bars serve, labelled historical.
    expect(ts).toMatchObject({ resolution: "1day", source: "shipped", historical: true });
    expect(ts.points).toHaveLength(5);
  });
});
