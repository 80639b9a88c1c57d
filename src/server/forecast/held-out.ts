// Settings chosen with tickers held out as well as time (issue 21 item 2): the symbols are split into folds;
// for each fold the settings are chosen on the development window (bars up to DEV_CUT) of the other folds'
// symbols only, with the volatility models' market term averaged over those symbols only, and the fold's own
// symbols are then scored with them on the scored window (scripts/bench-models.ts). Chosen here: the
// conformal interval settings (calibration window, ACI step, regime mode), by the naive forecast's 95% Winkler
// score relative to the reference, and the ensemble's weights, by CRPS (models/ensemble-weights.ts).
import { backtest, volPlanFor, type BacktestResult } from "./backtest";
import { INTERVAL_DEFAULTS, type IntervalOptions } from "./intervals";
import { scoreIntervals } from "./interval-scores";
import { chooseEnsembleWeights, memberRows } from "./models/ensemble-weights";
import type { Weights } from "./models/ensemble";
import { HORIZON_KEYS, type HorizonKey, type ModelSpec, type PriceSeries } from "./types";
import { shockOf } from "./volatility/plan";
import { marketVariance } from "./volatility/range";

/** The development window's last bar: the scored window starts after it (docs/forecasting.md). */
export const DEV_CUT = "2022-03-04";

/** The bars up to and including DEV_CUT. */
export function devSeries(series: PriceSeries): PriceSeries {
  let end = 0;
  while (end < series.dates.length && series.dates[end] <= DEV_CUT) end++;
  const cut = <T extends Float64Array>(a: T) => a.slice(0, end) as T;
  return { ...series, dates: series.dates.slice(0, end), open: cut(series.open), high: cut(series.high), low: cut(series.low), close: cut(series.close), adjClose: cut(series.adjClose), volume: cut(series.volume) };
}

/** k folds of the symbols: sorted, dealt round-robin (fold i holds the i-th, (i+k)-th, ... symbol). */
export function tickerFolds(symbols: readonly string[], k = 4): string[][] {
  const sorted = [...symbols].sort();
  return Array.from({ length: Math.min(k, sorted.length) }, (_v, f) => sorted.filter((_s, i) => i % k === f));
}

/** Interval settings the choice is made among (the shipped defaults are one of them). */
export const INTERVAL_CANDIDATES: IntervalOptions[] = [250, 500, 1000].flatMap((window) =>
  [0, 0.0025].flatMap((gamma) => (["none", "elasticity", "mondrian", "shock-slope"] as const).map((regime) => ({ window, gamma, regime }))),
);

export const isShippedIntervals = (o: IntervalOptions) => o.window === INTERVAL_DEFAULTS.window && o.gamma === INTERVAL_DEFAULTS.gamma && o.regime === INTERVAL_DEFAULTS.regime;

/** One symbol's development-window backtests: the member forecasts, which do not depend on the market term. */
export interface DevTicker {
  symbol: string;
  /** Bars up to DEV_CUT only. */
  series: PriceSeries;
  members: BacktestResult[];
}

/** Backtests of the given models (naive first) on the symbol's development window. */
export async function devTicker(o: { series: PriceSeries; specs: readonly ModelSpec[]; seed?: number }): Promise<DevTicker> {
  const series = devSeries(o.series);
  // The plan only scales intervals; the selection re-plans with each fold's own market term.
  const volPlan = volPlanFor({ series });
  const members: BacktestResult[] = [];
  for (const spec of o.specs) members.push(await backtest({ spec, series, volPlan, seed: o.seed ?? 42 }));
  return { symbol: o.series.symbol, series, members };
}

export interface Selection {
  /** Symbols whose development window the choice was made on. */
  symbols: string[];
  intervals: IntervalOptions;
  /** Per candidate (INTERVAL_CANDIDATES order): naive 95% Winkler / reference, averaged over horizons. */
  intervalScores: number[];
  weights: Record<HorizonKey, Weights>;
  /** Pooled CRPS of the chosen weights and of naive alone, per horizon (development window). */
  crps: Record<HorizonKey, { ensemble: number; naive: number }>;
}

/** The choice made on the development window of `symbols` only (their bars up to DEV_CUT, nothing else). */
export function selectOn(dev: readonly DevTicker[], symbols: readonly string[]): Selection {
  const chosen = dev.filter((d) => symbols.includes(d.symbol));
  const market = marketVariance(chosen.map((d) => d.series));
  // Each symbol's backtests with the volatility plan of this market term (scale and reference scale only).
  const planned = chosen.map((d) => {
    const plan = volPlanFor({ series: d.series, market });
    return d.members.map((m) => ({
      ...m,
      horizons: Object.fromEntries(
        Object.entries(m.horizons).map(([h, b]) => {
          const p = plan.horizons[h as HorizonKey]!;
          return [h, { ...b, scale: Float64Array.from(b.origin, (t) => p.sd[t]), refScale: Float64Array.from(b.origin, (t) => p.refSd[t]), ...shockOf(p, b.origin), volModel: p.chosen }];
        }),
      ),
    }));
  });
  const sum = (xs: number[]) => xs.reduce((a, v) => a + v, 0);
  const naiveOf = planned.map((ms) => ms.find((m) => m.model === "naive")!);
  const pooledW95 = (h: HorizonKey, opts: IntervalOptions & { reference?: boolean }) => {
    const w = naiveOf.flatMap((m) => scoreIntervals(m.horizons[h]!, opts).winkler["95"]);
    return sum(w) / w.length;
  };
  const ref = Object.fromEntries(HORIZON_KEYS.map((h) => [h, pooledW95(h, { reference: true })])) as Record<HorizonKey, number>;
  const intervalScores = INTERVAL_CANDIDATES.map((c) => sum(HORIZON_KEYS.map((h) => pooledW95(h, c) / ref[h])) / HORIZON_KEYS.length);
  let best = 0;
  intervalScores.forEach((s, i) => (s < intervalScores[best] - 1e-12 ? (best = i) : undefined));
  const intervals = INTERVAL_CANDIDATES[best];
  const weights = {} as Record<HorizonKey, Weights>;
  const crps = {} as Selection["crps"];
  for (const h of HORIZON_KEYS) {
    const rows = planned.map((ms) => memberRows(ms, h)).filter((r) => r !== undefined);
    const c = chooseEnsembleWeights(rows, intervals);
    weights[h] = c.weights;
    crps[h] = { ensemble: c.crps, naive: c.naiveCrps };
  }
  return { symbols: chosen.map((d) => d.symbol), intervals, intervalScores, weights, crps };
}

/** Per fold: the symbols held out and the choice made on the development window of all the others. */
export function heldOutSelections(dev: readonly DevTicker[], folds: readonly string[][]): { heldOut: string[]; selection: Selection }[] {
  return folds.map((heldOut) => ({ heldOut, selection: selectOn(dev, dev.map((d) => d.symbol).filter((s) => !heldOut.includes(s))) }));
}
