// Walk-forward backtest: at each origin t the model has seen bars 0..t only (fit on a window ending at t,
// refit every k origins, predict from the prefix ending at t); the forecast is scored against bar t+h.
import type { BacktestResult, HorizonBacktest, StoredBacktest, StoredOrigin } from "./backtest-records";
import { backtestConfigHash, originFingerprints, refitOriginOf, reusableOrigins } from "./backtest-store";
import { sliceSeries } from "./data";
import { refitPlanner } from "./refits";
import { HORIZON_KEYS, HORIZONS, type FittedModel, type HorizonKey, type ModelSpec, type PriceSeries } from "./types";
import type { MarketVariance } from "./volatility/range";
import { planVolatility, shockOf, type VolPlan } from "./volatility/plan";
import type { StoredVolPlan } from "./volatility/store";

// The records live in the engine's vocabulary (backtest-records.ts); re-exported for the engine's own files.
export type { BacktestResult, HorizonBacktest };

export const BACKTEST_DEFAULTS = {
  /** Origins scored by the metrics: about two years of trading days. */
  origins: 504,
  /** Earlier origins whose residuals only calibrate the intervals of the first scored origins. */
  warmup: 126,
  refitEvery: 21,
  minTrain: 252,
  /** Fits use at most the last 10 years of bars (rolling once the history is longer). */
  trainWindow: 2520,
} as const;

export interface BacktestOptions {
  spec: ModelSpec;
  series: PriceSeries;
  origins?: number;
  warmup?: number;
  refitEvery?: number;
  minTrain?: number;
  trainWindow?: number;
  horizons?: readonly HorizonKey[];
  seed?: number;
  /** Market variance by date, for the volatility models' market term. */
  market?: MarketVariance;
  /** A plan already made for this series and window (training shares one across models). */
  volPlan?: VolPlan;
  /** Origins stored by an earlier run: those still valid for this series and configuration are reused, not recomputed. */
  stored?: StoredBacktest;
}

export function refitEveryOf(spec: ModelSpec): number {
  // Each spec sets its own cadence (trees and Prophet quarterly, the LSTM twice a year); cheap fits refit monthly.
  return spec.refitEvery ?? BACKTEST_DEFAULTS.refitEvery;
}

/** First scored origin per horizon of a backtest over a series of n bars. */
export function firstScoredOrigins(n: number, o: { origins: number; warmup: number; minTrain: number; horizons: readonly HorizonKey[] }): Partial<Record<HorizonKey, number>> {
  const t0 = firstOriginIndex(n, o);
  return Object.fromEntries(o.horizons.map((h) => [h, Math.max(t0, n - HORIZONS[h] - o.origins)]));
}

/** The volatility plan of a backtest window: made once per series and shared by every model. */
export function volPlanFor(o: {
  series: PriceSeries;
  market?: MarketVariance;
  origins?: number;
  warmup?: number;
  minTrain?: number;
  horizons?: readonly HorizonKey[];
  /** Volatility fits stored by an earlier run (volatility/store.ts). */
  volStored?: StoredVolPlan;
}): VolPlan {
  const firstScored = firstScoredOrigins(o.series.close.length, {
    origins: o.origins ?? BACKTEST_DEFAULTS.origins,
    warmup: o.warmup ?? BACKTEST_DEFAULTS.warmup,
    minTrain: o.minTrain ?? BACKTEST_DEFAULTS.minTrain,
    horizons: o.horizons ?? HORIZON_KEYS,
  });
  return planVolatility({ series: o.series, market: o.market, firstScored, stored: o.volStored });
}

export function residuals(b: HorizonBacktest): Float64Array {
  return b.actual.map((a, i) => a - b.forecast[i]);
}

/** First origin index of a backtest over the last `origins + warmup` bars that have an outcome. */
export function firstOriginIndex(n: number, o: { origins: number; warmup: number; minTrain: number }): number {
  return Math.max(o.minTrain - 1, n - 1 - o.origins - o.warmup);
}

/**
 * Fewest bars a trained model can come from: `minTrain` to fit on, then enough bars after the first origin
 * for every horizon to be scored at least once (an unscored horizon has no residuals to calibrate its
 * intervals, and the artifact is rejected).
 */
export function minForecastBars({ minTrain = BACKTEST_DEFAULTS.minTrain, horizons = HORIZON_KEYS }: { minTrain?: number; horizons?: readonly HorizonKey[] } = {}): number {
  return minTrain + Math.max(...horizons.map((h) => HORIZONS[h]));
}

export async function backtest(opts: BacktestOptions): Promise<BacktestResult> {
  const { spec, series, seed = 42 } = opts;
  const origins = opts.origins ?? BACKTEST_DEFAULTS.origins;
  const warmup = opts.warmup ?? BACKTEST_DEFAULTS.warmup;
  const refitEvery = Math.max(1, opts.refitEvery ?? refitEveryOf(spec));
  const minTrain = opts.minTrain ?? BACKTEST_DEFAULTS.minTrain;
  const trainWindow = opts.trainWindow ?? BACKTEST_DEFAULTS.trainWindow;
  const horizons = opts.horizons ?? HORIZON_KEYS;
  const n = series.close.length;
  const t0 = firstOriginIndex(n, { origins, warmup, minTrain });
  if (t0 > n - 2) throw new Error(`${series.symbol}: ${n} bars is too short for a backtest (need at least ${minTrain + 1})`);

  const plan = opts.volPlan ?? volPlanFor({ series, market: opts.market, origins, warmup, minTrain, horizons });
  const vol = plan.ctx.ewma;
  const rows = new Map<HorizonKey, { origin: number[]; fc: number[]; sd: number[]; fell: number[] }>();
  for (const h of horizons) rows.set(h, { origin: [], fc: [], sd: [], fell: [] });
  const configHash = backtestConfigHash({ spec, refitEvery, trainWindow, minTrain, seed, horizons });
  const fingerprints = originFingerprints(series);
  const sameConfig = opts.stored?.configHash === configHash;
  const reuse = reusableOrigins({ stored: opts.stored, configHash, series, fingerprints });
  const planner = refitPlanner({ spec, series, fingerprints, minTrain, refitEvery, trainWindow, seed, horizons, stored: sameConfig ? opts.stored?.fits : undefined });
  const computed: StoredOrigin[] = [];
  let reused = 0;

  let model: FittedModel | undefined;
  let fittedAt = -1;
  let fell = new Set<HorizonKey>();
  let predictTotal = 0;
  let predicts = 0;
  const maxSteps = Math.min(...horizons.map((h) => HORIZONS[h]));
  const lastOrigin = Math.max(t0, n - 1 - maxSteps);
  for (let t = t0; t <= n - 1 - maxSteps; t++) {
    let row = reuse.get(t);
    if (row) reused++;
    else {
      // The fit in use at t is the one made at t's refit origin, whichever origin this run started from.
      const r = refitOriginOf(t, { minTrain, refitEvery });
      if (!model || fittedAt !== r) {
        model = await planner.at(r);
        fittedAt = r;
        fell = new Set(spec.fellBack?.(model) ?? []);
      }
      const start = performance.now();
      const pf = model.predict(sliceSeries(series, t + 1));
      predictTotal += performance.now() - start;
      predicts++;
      row = { index: t, date: series.dates[t], fingerprint: fingerprints[t], forecast: {}, modelSd: {}, fellBack: [] };
      for (const f of pf) {
        row.forecast[f.horizon] = f.logReturn;
        row.modelSd[f.horizon] = f.modelSd ?? null;
        if (fell.has(f.horizon)) row.fellBack.push(f.horizon);
      }
      computed.push(row);
    }
    for (const h of horizons) {
      const r = rows.get(h)!;
      const fc = row.forecast[h];
      if (fc === undefined || t + HORIZONS[h] > n - 1) continue;
      r.origin.push(t);
      r.fc.push(fc);
      r.sd.push(row.modelSd[h] ?? Number.NaN);
      r.fell.push(row.fellBack.includes(h) ? 1 : 0);
    }
  }

  const out: Partial<Record<HorizonKey, HorizonBacktest>> = {};
  for (const h of horizons) {
    const r = rows.get(h)!;
    const steps = HORIZONS[h];
    const origin = Int32Array.from(r.origin);
    const len = origin.length;
    out[h] = {
      horizon: h,
      steps,
      origin,
      originPrice: Float64Array.from(origin, (t) => series.close[t]),
      forecast: Float64Array.from(r.fc),
      actual: Float64Array.from(origin, (t) => Math.log(series.close[t + steps] / series.close[t])),
      modelSd: Float64Array.from(r.sd),
      vol: Float64Array.from(origin, (t) => vol[t]),
      scale: Float64Array.from(origin, (t) => plan.horizons[h]!.sd[t]),
      refScale: Float64Array.from(origin, (t) => plan.horizons[h]!.refSd[t]),
      ...shockOf(plan.horizons[h]!, origin),
      volModel: plan.horizons[h]!.chosen,
      fellBack: Uint8Array.from(r.fell),
      evalStart: Math.max(0, len - origins),
    };
  }
  // The final fit (at the last bar) starts from its anchor's fit: made or loaded now, so the store keeps it.
  const finalWarm = await planner.warmFor(n - 1);
  const fits = planner.fits;
  return {
    model: spec.name,
    symbol: series.symbol,
    horizons: out,
    fits,
    refitEvery,
    fitMs: fits ? planner.fitMs / fits : 0,
    predictMs: predicts ? predictTotal / predicts : 0,
    firstOrigin: series.dates[t0],
    lastOrigin: series.dates[lastOrigin],
    ...(finalWarm ? { finalWarm } : {}),
    store: { configHash, firstIndex: t0, firstDate: series.dates[t0], computed, reused, lastFingerprint: fingerprints[n - 1], fits: planner.keep(lastOrigin), fitsMade: fits },
  };
}
