// Volatility models as components with one interface: each fits on bars up to an origin and forecasts the
// variance of the next h-day log return. EWMA (RiskMetrics, scaled by h) is kept as the reference.
import { ewmaVol } from "../intervals";
import type { PriceSeries } from "../types";
import { fitGarch, garchFilter, garchHorizonVariance, sampleVariance, type GarchParams } from "./garch";
import { fitHar, harHorizonVariance, harRowAt, harRows, prefixSums, weeklyMean, type HarFit, type HarSplit } from "./har";
import { alignMarket, rangeParts, rangeVariance, type MarketVariance } from "./range";
import type { VolModelName } from "./names";

// The names and labels are vocabulary (names.ts); re-exported for the engine's own files.
export { VOL_MODEL_LABELS, VOL_MODEL_NAMES, type VolModelName } from "./names";

/** Bars a volatility fit reads at most (the same 10 years the forecast models use). */
export const VOL_WINDOW = 2520;
/** Fewest daily returns a GARCH or HAR fit is attempted on. */
export const VOL_MIN_FIT = 250;

/**
 * How the "harj" log-HAR takes the overnight gap (har.ts): the day's gap share as one more regressor, by least
 * squares. Chosen on the development window (scored origins 2020-03..2022-03, 23 tickers, naive forecast, the
 * engine's intervals with the event-day term) among three forms, each by least squares and by a Huber fit: 95%
 * Winkler relative to the reference 0.9149 / 0.9016 / 0.8648 at 1d / 2d / 1w against the plain log-HAR's 0.9156 /
 * 0.9027 / 0.8653, the only one no worse at every horizon (the log-ratio of day, week and month 0.9192 / 0.9095 /
 * 0.8727; the shares of all three 0.9204 / 0.9093 / 0.8733; the day's share by Huber 0.9138 / 0.9024 / 0.8656).
 */
export const HARJ_SPLIT: Pick<HarSplit, "form" | "robust"> = { form: "share-daily", robust: false };

/** Everything a volatility model reads from one series, computed once. */
export interface VolContext {
  series: PriceSeries;
  /** r[i] = ln(close[i] / close[i-1]); r[0] = 0. */
  returns: Float64Array;
  rv: Float64Array;
  cum: Float64Array;
  marketWeek?: Float64Array;
  ewma: Float64Array;
  /** The intraday (Garman–Klass) part of rv, for the log-HAR with a separate gap term. */
  split: HarSplit;
}

export function volContext(series: PriceSeries, market?: MarketVariance): VolContext {
  const c = series.close;
  const returns = Float64Array.from(c, (v, i) => (i === 0 ? 0 : Math.log(v / c[i - 1])));
  const rv = rangeVariance(series);
  const m = alignMarket(series, market);
  const { gk } = rangeParts(series);
  return { series, returns, rv, cum: prefixSums(rv), marketWeek: m ? weeklyMean(m) : undefined, ewma: ewmaVol(series), split: { gk, gkCum: prefixSums(gk), ...HARJ_SPLIT } };
}

/** A fitted volatility model: JSON-safe, so an artifact can carry it and serving needs no refit. */
export type VolState =
  | { model: "ewma" }
  | { model: "garch" | "gjr"; params: GarchParams | null }
  | { model: "har" | "harj"; byStep: Record<string, { market: HarFit | null; plain: HarFit | null }> };

export interface VolModel {
  name: VolModelName;
  /**
   * Fits on bars 0..t (t is the refit bar). A function of those bars only (no warm start from an earlier
   * fit), so a stored fit is the fit a longer series makes at the same bar.
   */
  fit(ctx: VolContext, t: number, steps: readonly number[]): VolState;
  /** Variance of the h-step log return after origin t, for each h in steps, from bars 0..t only. */
  forecast(ctx: VolContext, state: VolState, t: number, steps: readonly number[]): number[];
}

const ewmaModel: VolModel = {
  name: "ewma",
  fit: () => ({ model: "ewma" }),
  forecast: (ctx, _s, t, steps) => steps.map((h) => ctx.ewma[t] ** 2 * h),
};

/** Returns r[from..t] of the fit window ending at origin t. */
const windowReturns = (ctx: VolContext, t: number) => ctx.returns.subarray(Math.max(1, t - VOL_WINDOW + 1), t + 1);

function garchModel(name: "garch" | "gjr"): VolModel {
  return {
    name,
    fit: (ctx, t) => {
      const r = windowReturns(ctx, t);
      if (r.length < VOL_MIN_FIT) return { model: name, params: null };
      // Always from fitGarch's fixed starting point. A warm start from the previous refit was ~1.5x (GARCH)
      // to ~2x (GJR) faster but made each fit depend on where the chain began, which moved with the series
      // length: on MSFT's GJR, chains started 7 bars apart ended up to 18 log-likelihood units apart.
      const { mu, omega, alpha, gamma, beta } = fitGarch({ returns: r, gjr: name === "gjr" });
      return { model: name, params: { mu, omega, alpha, gamma, beta } };
    },
    forecast: (ctx, state, t, steps) => {
      const r = windowReturns(ctx, t);
      const p = state.model === name ? state.params : null;
      // Too short to fit: the window's sample variance, flat over the horizon.
      if (!p) return steps.map((h) => Math.max(sampleVariance(r, 0), 1e-10) * h);
      const s2 = garchFilter(r, p, sampleVariance(r, p.mu));
      return steps.map((h) => garchHorizonVariance(p, s2[r.length], h));
    },
  };
}

/** The log-HAR; "harj" with the overnight gap as its own term (har.ts). */
function harModel(name: "har" | "harj"): VolModel {
  const split = (ctx: VolContext) => (name === "harj" ? ctx.split : undefined);
  return {
    name,
    fit: (ctx, t, steps) => {
      const from = Math.max(0, t - VOL_WINDOW + 1);
      const byStep: Record<string, { market: HarFit | null; plain: HarFit | null }> = {};
      for (const h of steps) {
        const base = { rv: ctx.rv, cum: ctx.cum, split: split(ctx), from, last: t, h };
        byStep[h] = {
          market: ctx.marketWeek ? (fitHar({ ...base, marketWeek: ctx.marketWeek }) ?? null) : null,
          plain: fitHar(base) ?? null,
        };
      }
      return { model: name, byStep };
    },
    forecast: (ctx, state, t, steps) =>
      steps.map((h) => {
        const f = state.model === name ? state.byStep[h] : undefined;
        const row = { cum: ctx.cum, rv: ctx.rv, split: split(ctx) };
        // The market variant when the market is known at the origin, else the same regression without it.
        const withMarket = f?.market && ctx.marketWeek ? harRowAt(harRows({ ...row, marketWeek: ctx.marketWeek }), t) : undefined;
        if (f?.market && withMarket) return harHorizonVariance(f.market, withMarket, h);
        const plain = harRowAt(harRows(row), t);
        if (f?.plain && plain) return harHorizonVariance(f.plain, plain, h);
        return ctx.ewma[t] ** 2 * h;
      }),
  };
}

export const VOL_MODELS: Record<VolModelName, VolModel> = {
  ewma: ewmaModel,
  garch: garchModel("garch"),
  gjr: garchModel("gjr"),
  har: harModel("har"),
  harj: harModel("harj"),
};

/**
 * The bar whose fit serves origin t: refits sit at fixed bars (every multiple of `refitEvery`), not counted
 * from where a path starts, so a longer series makes the same fits at the bars it shares with a shorter one.
 */
export const volRefitBarOf = (t: number, refitEvery: number): number => t - (t % refitEvery);

/**
 * Forecast h-step variances at every origin in [from, to] (NaN elsewhere), each from the fit at its refit bar
 * (volRefitBarOf): the walk-forward path of one volatility model. `fitAt` supplies the fits (default: fit).
 */
export function volPath(o: {
  ctx: VolContext;
  model: VolModelName;
  from: number;
  to: number;
  steps: readonly number[];
  refitEvery: number;
  fitAt?: (bar: number) => VolState;
}): Float64Array[] {
  const n = o.ctx.series.close.length;
  const m = VOL_MODELS[o.model];
  const fitAt = o.fitAt ?? ((bar: number) => m.fit(o.ctx, bar, o.steps));
  const out = o.steps.map(() => new Float64Array(n).fill(Number.NaN));
  let state: VolState | undefined;
  let fittedAt = -1;
  for (let t = o.from; t <= o.to; t++) {
    const bar = volRefitBarOf(t, o.refitEvery);
    if (!state || bar !== fittedAt) {
      state = fitAt(bar);
      fittedAt = bar;
    }
    const v = m.forecast(o.ctx, state, t, o.steps);
    v.forEach((x, k) => (out[k][t] = x));
  }
  return out;
}
