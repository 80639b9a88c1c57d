// Ticker-held-out selection (issue 21 item 2): a fold's settings are chosen on the development window of the
// other folds' tickers only. Poisoning (NaN) every bar after the development cut, or every bar and backtest of
// the fold's own tickers, must leave its choice identical; poisoning the tickers it chooses on must not.
import { describe, expect, it } from "vitest";
import { readSeriesCsv } from "@/server/forecast/data";
import { DEV_CUT, devSeries, devTicker, heldOutSelections, INTERVAL_CANDIDATES, tickerFolds, type DevTicker } from "@/server/forecast/held-out";
import { driftModel } from "@/server/forecast/models/drift";
import { naiveModel } from "@/server/forecast/models/naive";
import type { PriceSeries } from "@/server/forecast/types";

const nanFrom = (s: PriceSeries, from: number): PriceSeries => {
  const f = (a: Float64Array) => a.map((v, i) => (i >= from ? Number.NaN : v));
  return { ...s, open: f(s.open), high: f(s.high), low: f(s.low), close: f(s.close), adjClose: f(s.adjClose), volume: f(s.volume) };
};
const poisonAll = (d: DevTicker): DevTicker => ({
  ...d,
  series: nanFrom(d.series, 0),
  members: d.members.map((m) => ({ ...m, horizons: Object.fromEntries(Object.entries(m.horizons).map(([h, b]) => [h, { ...b, forecast: b.forecast.map(() => Number.NaN), actual: b.actual.map(() => Number.NaN) }])) })),
});
const plain = (d: DevTicker) => JSON.stringify({ dates: d.series.dates, close: Array.from(d.series.close), members: d.members.map((m) => Object.entries(m.horizons).map(([h, b]) => [h, Array.from(b.origin), Array.from(b.forecast), Array.from(b.actual)])) });

describe("ticker-held-out selection", () => {
  it("deals sorted tickers round-robin into disjoint folds that cover them all", () => {
    const folds = tickerFolds(["WMT", "AAPL", "MSFT", "JPM", "IBM"], 2);
    expect(folds).toEqual([["AAPL", "JPM", "WMT"], ["IBM", "MSFT"]]);
    expect(tickerFolds(["B", "A", "C"], 4)).toEqual([["A"], ["B"], ["C"]]);
  });

  it("never reads the scored window nor the held-out tickers' data", async () => {
    const symbols = ["AAPL", "JPM", "MSFT", "WMT"];
    const series = symbols.map((symbol) => readSeriesCsv({ symbol }));
    const specs = [naiveModel, driftModel];
    const dev: DevTicker[] = [];
    for (const s of series) dev.push(await devTicker({ series: s, specs }));
    // The development window ends at the cut; the scored window starts after it.
    for (const [k, d] of dev.entries()) {
      expect(d.series.dates.at(-1)! <= DEV_CUT).toBe(true);
      expect(series[k].dates[d.series.dates.length] > DEV_CUT).toBe(true);
      expect(d.series.dates.length).toBeGreaterThan(1000);
    }
    // Every bar after the cut NaN: the same development-window backtests, to the bit.
    const cutAt = series[0].dates.findIndex((x) => x > DEV_CUT);
    const blind = await devTicker({ series: nanFrom(series[0], cutAt), specs });
    expect(plain(blind)).toBe(plain(dev[0]));
    expect(devSeries(nanFrom(series[0], cutAt)).close.every(Number.isFinite)).toBe(true);

    const folds = tickerFolds(symbols, 2); // [AAPL, MSFT], [JPM, WMT]
    expect(folds).toEqual([["AAPL", "MSFT"], ["JPM", "WMT"]]);
    const clean = heldOutSelections(dev, folds);
    for (const f of clean) {
      expect(f.selection.symbols.filter((s) => f.heldOut.includes(s))).toEqual([]);
      expect(f.selection.intervalScores).toHaveLength(INTERVAL_CANDIDATES.length);
      for (const x of f.selection.intervalScores) expect(Number.isFinite(x)).toBe(true);
    }
    // Fold 0's own tickers (AAPL, MSFT) poisoned in every bar and every backtest: fold 0 chooses exactly as before ...
    const poisoned = dev.map((d) => (folds[0].includes(d.symbol) ? poisonAll(d) : d));
    const after = heldOutSelections(poisoned, folds);
    expect(after[0].selection).toEqual(clean[0].selection);
    // ... while fold 1, which chooses on them, sees the poison (so the check can fail).
    expect(after[1].selection.intervalScores.some((x) => !Number.isFinite(x))).toBe(true);
  }, 600_000);
});
