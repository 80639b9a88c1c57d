// The cross-sectional (M6) forecast: RPS on hand-computed cases, quintiles of 23 symbols, the uniform
// benchmark's 0.16, and no look-ahead: a week's probabilities are the same whatever the closes after its
// origin were, and the walk-forward's earlier weeks do not move when later bars change.
import { describe, expect, it } from "vitest";
import { defaultDataDir, readSeriesCsv } from "@/server/forecast/data";
import { quintileProbabilities, symbolPaths } from "@/server/forecast/cross-section/distribution";
import { panelOf } from "@/server/forecast/cross-section/panel";
import { quintilesOf, rps, rpsOne, UNIFORM } from "@/server/forecast/cross-section/rps";
import { runCrossSection } from "@/server/forecast/cross-section/walk-forward";
import { blockBootstrapBand } from "@/server/forecast/cross-section/summary";
import type { PriceSeries } from "@/server/forecast/types";
import { alterFuture } from "./look-ahead";

describe("ranked probability score", () => {
  it("one asset: cumulative predicted minus cumulative realised, squared, averaged over the 5 quintiles", () => {
    // cumulative p .1 .3 .7 .9 1 against 0 0 0 1 1: (.01 + .09 + .49 + .01 + 0) / 5
    expect(rpsOne([0.1, 0.2, 0.4, 0.2, 0.1], 3)).toBeCloseTo(0.12, 12);
    expect(rpsOne(UNIFORM, 0)).toBeCloseTo(0.24, 12);
    expect(rpsOne(UNIFORM, 2)).toBeCloseTo(0.08, 12);
    expect(rpsOne([0, 0, 1, 0, 0], 2)).toBe(0);
  });

  it("a cross-section: the mean over assets", () => {
    // certain and right 0; certain of the top, landed bottom: 4/5; uniform, landed top: 1.2/5
    expect(rps([[1, 0, 0, 0, 0], [0, 0, 0, 0, 1], UNIFORM], [0, 0, 4])).toBeCloseTo((0 + 0.8 + 0.24) / 3, 12);
  });

  it("23 symbols fill the quintiles 4, 5, 4, 5, 5, and the uniform forecast scores exactly 0.16 on any week", () => {
    const values = Array.from({ length: 23 }, (_, i) => Math.sin(i * 7.3));
    const q = quintilesOf(values);
    expect([0, 1, 2, 3, 4].map((k) => q.filter((x) => x === k).length)).toEqual([4, 5, 4, 5, 5]);
    expect(q[values.indexOf(Math.min(...values))]).toBe(0);
    expect(q[values.indexOf(Math.max(...values))]).toBe(4);
    expect(rps(values.map(() => UNIFORM), q)).toBeCloseTo(0.16, 12);
    expect(rps(Array(10).fill(UNIFORM), quintilesOf(Array.from({ length: 10 }, (_, i) => -i)))).toBeCloseTo(0.16, 12);
  });

  it("the block bootstrap band of a mean difference brackets it and narrows with more weeks", () => {
    const x = Array.from({ length: 100 }, (_, i) => 0.001 * Math.sin(i) - 0.0002);
    const [lo, hi] = blockBootstrapBand(x);
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    expect(lo).toBeLessThan(m);
    expect(hi).toBeGreaterThan(m);
    const [lo2, hi2] = blockBootstrapBand([...x, ...x, ...x, ...x]);
    expect(hi2 - lo2).toBeLessThan(hi - lo);
  });
});

const SYMBOLS = ["AAPL", "JNJ", "JPM", "NVDA", "TSLA", "WMT", "INTC"];
const dir = defaultDataDir();
const cut = (s: PriceSeries, from: string) => {
  const n = s.dates.findIndex((d) => d >= from);
  const sl = (a: Float64Array) => a.slice(n);
  return { ...s, dates: s.dates.slice(n), open: sl(s.open), high: sl(s.high), low: sl(s.low), close: sl(s.close), adjClose: sl(s.adjClose), volume: sl(s.volume) };
};
const series = SYMBOLS.map((symbol) => cut(readSeriesCsv({ dir, symbol }), "2019-01-02"));

describe("no look-ahead", () => {
  it("a week's probabilities do not change when every close after its origin does; they do when the origin's own bar does", () => {
    const panel = panelOf(series);
    const k = panel.dates.indexOf("2023-06-16");
    for (const scale of ["ewma", "har"] as const) {
      for (const dependence of ["joint", "independent"] as const) {
        const probs = (ss: PriceSeries[]) => {
          const p = panelOf(ss);
          return quintileProbabilities({ panel: p, paths: ss.map((s) => symbolPaths({ series: s, scale, from: 0 })), k, dependence, draws: 500 })!.map((r) => Array.from(r));
        };
        const base = probs(series);
        expect(base.every((r) => Math.abs(r.reduce((a, b) => a + b, 0) - 1) < 1e-12)).toBe(true);
        expect(probs(series.map((s, i) => alterFuture(s, panel.at[i][k] + 1)))).toEqual(base);
        expect(probs(series.map((s, i) => alterFuture(s, panel.at[i][k])))).not.toEqual(base);
      }
    }
  });

  it("the walk-forward: weeks are 5 sessions apart, development before scored, and weeks ended before a change of later bars stay the same", () => {
    const opts = { devFrom: "2022-01-03", devTo: "2023-01-03", draws: 300 };
    const a = runCrossSection({ series, ...opts });
    const origins = a.weeks.map((w) => w.origin);
    expect(new Set(origins).size).toBe(origins.length);
    expect(a.development.weeks).toBeGreaterThan(40);
    expect(a.scored["har-joint"].weeks).toBeGreaterThan(50);
    expect(a.development.to <= "2023-01-03" && a.scored["har-joint"].from! >= "2023-01-03").toBe(true);
    expect(a.chosen).toBe(Object.entries(a.development.rps).sort((x, y) => x[1] - y[1])[0][0]);
    expect(a.current?.origin).toBe("2024-03-08");
    const panel = panelOf(series);
    const changeFrom = panel.dates.indexOf("2023-09-01");
    const b = runCrossSection({ series: series.map((s, i) => alterFuture(s, panel.at[i][changeFrom])), ...opts });
    const before = (r: typeof a) => r.weeks.filter((w) => w.target < "2023-09-01");
    expect(before(b)).toEqual(before(a));
    expect(b.weeks.filter((w) => w.origin >= "2023-09-01")).not.toEqual(a.weeks.filter((w) => w.origin >= "2023-09-01"));
  });
});
