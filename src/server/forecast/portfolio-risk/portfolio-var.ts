// The portfolio's value at risk and expected shortfall. Each symbol's forecast distribution is the calibrated
// baseline's: the naive forecast (no change) with its volatility model's sd of the h-day log return, times
// the standardized outcomes of its own earlier forecasts (the calibration set of the forecast engine's
// intervals, kept signed here because a loss is one tail). The symbols are joined by a Gaussian copula whose
// correlation is the Ledoit–Wolf shrunk correlation of their standardized daily outcomes. The same
// computation runs at every earlier origin from data known by then (walk-forward, the current weights held
// fixed), and how often the losses there went past it is the figure's backtest. Pure: no I/O.
import { INTERVAL_DEFAULTS } from "../intervals";
import { VOL_PLAN_DEFAULTS } from "../volatility/plan";
import { cholesky, copulaUniforms, empiricalQuantile, standardNormals, tailOf } from "./copula";
import { ledoitWolfConstantCorrelation, type ShrunkCovariance } from "./shrinkage";
import { SlidingSorted } from "../math/sliding-sorted";
import { summarizeBacktest, type BacktestRecord, type HorizonBacktestSummary } from "./var-backtest";

export const RISK_HORIZONS = { "1d": 1, "1w": 5 } as const;
export type RiskHorizon = keyof typeof RISK_HORIZONS;
export const RISK_HORIZON_KEYS = Object.keys(RISK_HORIZONS) as RiskHorizon[];
export const RISK_LEVELS = [0.95, 0.99] as const;

export const RISK_DEFAULTS = {
  /** Known outcomes per symbol in the calibration set and days in the correlation estimate (the engine's interval window). */
  window: INTERVAL_DEFAULTS.window,
  /** Fewer known outcomes than this and no figure is made at that origin. */
  minScores: 250,
  /** The correlation is re-estimated at fixed bars this far apart (the volatility models' refit cadence). */
  refitEvery: VOL_PLAN_DEFAULTS.refitEvery,
  /** Simulated joint outcomes per origin (half of them antithetic). */
  draws: 5000,
  seed: 20261207,
  /** Origins the traffic light is read over (Basel: the last 250 trading days). */
  zoneWindow: 250,
  /** Fewer held-out origins than this and the horizon gets no figure. */
  minBacktest: { "1d": 250, "1w": 50 } as Record<RiskHorizon, number>,
};
export type RiskOptions = Partial<typeof RISK_DEFAULTS>;

export interface RiskSeries {
  symbol: string;
  /** Share of the portfolio's value now (the weights sum to 1). */
  weight: number;
  /** Closes on the portfolio's common trading days. */
  close: Float64Array;
  /** The volatility model's sd of the h-day log return at each of those days, from bars up to it (NaN before its plan starts). */
  sd: Record<RiskHorizon, Float64Array>;
  /**
   * First day whose figure may be scored: the volatility model was chosen on outcomes known before it (the
   * engine's scored window). Earlier days still calibrate; default 0.
   */
  firstOrigin?: Partial<Record<RiskHorizon, number>>;
}

export interface LevelFigure {
  level: number;
  /** Loss not exceeded with probability `level`, as a share of the value (positive = a loss). */
  var: number;
  /** Mean loss when the loss is beyond the VaR, as a share of the value. */
  es: number;
}

export interface HorizonRisk {
  horizon: RiskHorizon;
  days: number;
  /** The day the figure is made at (the last close); null without one. */
  origin: string | null;
  current: LevelFigure[] | null;
  backtest: HorizonBacktestSummary | null;
  /** Why there is no figure, in words; null when there is one. */
  reason: string | null;
}

export interface CorrelationSummary {
  symbols: string[];
  matrix: number[][];
  shrinkage: number;
  meanCorrelation: number;
  /** Days the estimate used. */
  days: number;
}

export interface PortfolioRisk {
  asOf: string;
  horizons: HorizonRisk[];
  correlation: CorrelationSummary | null;
}

interface Copula {
  shrunk: ShrunkCovariance;
  uniforms: Float64Array;
  days: number;
}

/** Standardized outcomes ln(c[t+h]/c[t]) / sd[t] of a symbol's forecasts, NaN where unknown. */
function standardizedOutcomes(s: RiskSeries, key: RiskHorizon): Float64Array {
  const h = RISK_HORIZONS[key];
  const n = s.close.length;
  return Float64Array.from({ length: n }, (_, t) => (t + h < n ? Math.log(s.close[t + h] / s.close[t]) / s.sd[key][t] : Number.NaN));
}

export function portfolioRisk({ dates, series, options = {} }: { dates: readonly string[]; series: readonly RiskSeries[]; options?: RiskOptions }): PortfolioRisk {
  const o = { ...RISK_DEFAULTS, ...options, minBacktest: { ...RISK_DEFAULTS.minBacktest, ...options.minBacktest } };
  const G = dates.length;
  const k = series.length;
  if (k === 0) throw new Error("portfolioRisk needs at least one symbol");
  const z = standardNormals({ n: o.draws, k, seed: o.seed });
  const daily = series.map((s) => standardizedOutcomes(s, "1d"));

  const copulas = new Map<number, Copula | null>();
  const copulaAt = (g: number): Copula | null => {
    // Fixed bars, so the estimate an origin uses does not depend on where the pass started.
    const bar = g - (g % o.refitEvery);
    if (!copulas.has(bar)) copulas.set(bar, makeCopula(bar));
    return copulas.get(bar)!;
  };
  const makeCopula = (bar: number): Copula | null => {
    const cols: number[][] = series.map(() => []);
    let days = 0;
    // Outcomes known at the bar: days s with s + 1 <= bar on which every symbol has one.
    for (let s = bar - 1; s >= 0 && days < o.window; s--) {
      if (!daily.every((d) => Number.isFinite(d[s]))) break;
      daily.forEach((d, i) => cols[i].push(d[s]));
      days++;
    }
    if (days < o.minScores) return null;
    const shrunk = ledoitWolfConstantCorrelation(cols);
    return { shrunk, days, uniforms: copulaUniforms({ z, n: o.draws, k, factor: cholesky(shrunk.correlation, k) }) };
  };

  const horizons: HorizonRisk[] = [];
  let correlation: CorrelationSummary | null = null;
  for (const key of RISK_HORIZON_KEYS) {
    const h = RISK_HORIZONS[key];
    const scores = series.map((s) => standardizedOutcomes(s, key));
    const windows = series.map(() => new SlidingSorted(o.window));
    let next = 0;
    // Adds every outcome known at origin g (s + h <= g) to each symbol's calibration set.
    const advance = (g: number) => {
      for (; next + h <= g; next++) scores.forEach((sc, i) => Number.isFinite(sc[next]) && windows[i].push(sc[next]));
    };
    const ready = (g: number): Copula | null => {
      advance(g);
      if (windows.some((w) => w.length < o.minScores)) return null;
      if (series.some((s) => !(s.sd[key][g] > 0))) return null;
      return copulaAt(g);
    };
    const losses = new Float64Array(o.draws);
    const simulate = (g: number, copula: Copula): Float64Array => {
      losses.fill(0);
      series.forEach((s, i) => {
        const sorted = windows[i].values();
        const sd = s.sd[key][g];
        for (let d = 0; d < o.draws; d++) losses[d] -= s.weight * Math.expm1(sd * empiricalQuantile(sorted, copula.uniforms[d * k + i]));
      });
      return Float64Array.from(losses).sort();
    };

    // Held-out origins: every day for 1 day; whole weeks back from the last close for 1 week, so no two
    // outcomes overlap and the exceptions are independent as the tests assume.
    const start = Math.max(0, ...series.map((s) => s.firstOrigin?.[key] ?? 0));
    const origins: number[] = [];
    for (let g = G - 1 - h; g >= start; g -= key === "1d" ? 1 : h) origins.push(g);
    origins.reverse();
    const records: BacktestRecord[] = [];
    for (const g of origins) {
      const copula = ready(g);
      if (!copula) continue;
      const sorted = simulate(g, copula);
      const realized = -series.reduce((acc, s) => acc + s.weight * (s.close[g + h] / s.close[g] - 1), 0);
      records.push({ date: dates[g], loss: realized, figures: RISK_LEVELS.map((level) => ({ level, ...tailOf(sorted, level) })) });
    }
    const backtest = records.length ? summarizeBacktest({ records, zoneWindow: o.zoneWindow }) : null;

    const last = G - 1;
    const copula = last >= 0 ? ready(last) : null;
    const enough = records.length >= o.minBacktest[key];
    let reason: string | null = null;
    if (!copula) reason = `Not enough shared price history yet: a figure needs ${o.minScores} earlier forecasts of every holding to calibrate on.`;
    else if (!enough) reason = `Only ${records.length} earlier ${key === "1d" ? "days" : "weeks"} could be checked; at least ${o.minBacktest[key]} are needed before a figure is shown.`;
    const current = copula && enough ? (() => {
      const sorted = simulate(last, copula);
      return RISK_LEVELS.map((level) => ({ level, ...tailOf(sorted, level) }));
    })() : null;
    if (copula && !correlation) {
      const { shrunk } = copula;
      correlation = {
        symbols: series.map((s) => s.symbol),
        matrix: Array.from({ length: k }, (_, i) => Array.from(shrunk.correlation.subarray(i * k, (i + 1) * k))),
        shrinkage: shrunk.shrinkage,
        meanCorrelation: shrunk.meanCorrelation,
        days: copula.days,
      };
    }
    horizons.push({ horizon: key, days: h, origin: current ? dates[last] : null, current, backtest, reason });
  }
  return { asOf: dates[G - 1] ?? "", horizons, correlation };
}
