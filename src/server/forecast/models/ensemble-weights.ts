// Choosing the ensemble's fixed weights: per horizon, the point on the simplex of member weights whose
// combined distribution (the weighted point forecast with the engine's conformal intervals around it, the
// distribution the ensemble serves) has the lowest CRPS pooled over the given symbols' scored origins. Run on
// development-window backtests only (held-out.ts); the result is fixed before any scored origin is seen.
import type { BacktestResult } from "../backtest";
import { INTERVAL_DEFAULTS, LEVELS, QUANTILE_LEVELS, quantilesOf, type IntervalOptions, type LevelKey, LEVEL_KEYS } from "../intervals";
import { scoreIntervals } from "../interval-scores";
import { SlidingSorted } from "../math/sliding-sorted";
import { crpsFromQuantiles } from "../scores";
import type { HorizonKey, ModelName } from "../types";
import { align, type Weights } from "./ensemble";

/** One symbol's member forecasts at one horizon on common origins; a fallen-back entry is 0 (naive). */
export interface MemberRows {
  steps: number;
  origin: Int32Array;
  actual: Float64Array;
  scale: Float64Array;
  /** The shock-slope mode's state per origin (regime.ts), where the plan had a 1-day horizon. */
  shock?: Float64Array;
  shockServing?: number;
  evalStart: number;
  forecasts: Map<ModelName, Float64Array>;
}

export function memberRows(members: BacktestResult[], h: HorizonKey): MemberRows | undefined {
  const a = align(members.filter((m) => m.model !== "ensemble"), h);
  if (!a) return undefined;
  const forecasts = new Map<ModelName, Float64Array>();
  for (const [name, f] of a.forecasts) {
    const fell = a.fellBack.get(name)!;
    forecasts.set(name, f.map((v, i) => (fell[i] ? 0 : v)));
  }
  return { steps: a.ref.steps, origin: a.origin, actual: a.actual, scale: a.scale, ...(a.shock ? { shock: a.shock, shockServing: a.shockServing } : {}), evalStart: a.evalStart, forecasts };
}

/** The combined forecast of one symbol's rows under the weights. */
export function combined(rows: MemberRows, w: Weights): Float64Array {
  const out = new Float64Array(rows.origin.length);
  for (const [name, v] of Object.entries(w) as [ModelName, number][]) {
    const f = rows.forecasts.get(name);
    if (name === "naive" || !v || !f) continue;
    for (let i = 0; i < out.length; i++) out[i] += v * f[i];
  }
  return out;
}

/**
 * Sum and count of the CRPS (% of price) of a forecast path's conformal distribution at the scored origins:
 * the same figure `scoreIntervals` gives, computed with a rolling sorted window (the plain split-conformal
 * path; other interval settings go through scoreIntervals itself).
 */
export function conformalCrps(rows: MemberRows, forecast: Float64Array, opts: IntervalOptions = {}): { sum: number; n: number } {
  const window = opts.window ?? INTERVAL_DEFAULTS.window;
  const minCal = opts.minCalibration ?? INTERVAL_DEFAULTS.minCalibration;
  if ((opts.gamma ?? INTERVAL_DEFAULTS.gamma) !== 0 || (opts.regime ?? INTERVAL_DEFAULTS.regime) !== "none") {
    const b = { ...rows, horizon: "1d" as HorizonKey, forecast, originPrice: rows.scale, modelSd: rows.scale, vol: rows.scale, refScale: rows.scale, volModel: "har" as const, fellBack: new Uint8Array(0) };
    const s = scoreIntervals(b, opts).crps;
    return { sum: s.reduce((x, v) => x + v, 0), n: s.length };
  }
  const n = rows.origin.length;
  const score = Float64Array.from(rows.actual, (a, i) => Math.abs(a - forecast[i]) / rows.scale[i]);
  const calibration = new SlidingSorted(window);
  let known = 0;
  let sum = 0;
  let count = 0;
  const half = {} as Record<LevelKey, number>;
  for (let i = 0; i < n; i++) {
    while (known < i && rows.origin[known] + rows.steps <= rows.origin[i]) {
      calibration.push(score[known]);
      known++;
    }
    if (i < rows.evalStart || known < minCal) continue;
    const sorted = calibration.values();
    const size = sorted.length;
    LEVEL_KEYS.forEach((k, j) => {
      const level = 1 - (1 - LEVELS[j]);
      half[k] = sorted[Math.min(size, Math.max(1, Math.ceil((size + 1) * level))) - 1] * rows.scale[i];
    });
    const q = quantilesOf(forecast[i], half).map(Math.exp);
    sum += 100 * crpsFromQuantiles({ levels: QUANTILE_LEVELS, quantiles: q, y: Math.exp(rows.actual[i]) });
    count++;
  }
  return { sum, n: count };
}

/** Mean CRPS pooled over symbols (every scored origin counts once). */
export function pooledCrps(rows: readonly MemberRows[], w: Weights, opts: IntervalOptions = {}): number {
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    const s = conformalCrps(r, combined(r, w), opts);
    sum += s.sum;
    n += s.n;
  }
  return n ? sum / n : Number.NaN;
}

/** Moves of weight tried, largest first; every weight stays a multiple of the smallest. */
export const WEIGHT_STEPS = [0.2, 0.1, 0.05] as const;

/**
 * Weights on the simplex over the members present in every symbol's rows, from naive alone: moves of a step
 * of weight from one member to another are taken while one lowers the pooled CRPS (first improvement, in
 * a fixed order), then the step is halved. Deterministic; the result is on a 0.05 grid.
 */
export function chooseEnsembleWeights(rows: readonly MemberRows[], opts: IntervalOptions = {}): { weights: Weights; crps: number; naiveCrps: number } {
  const names = Array.from(rows[0]?.forecasts.keys() ?? []).filter((m) => rows.every((r) => r.forecasts.has(m)));
  if (!names.includes("naive")) names.unshift("naive");
  const w = new Map<ModelName, number>(names.map((m) => [m, m === "naive" ? 1 : 0]));
  const asWeights = (x: Map<ModelName, number>): Weights => Object.fromEntries(Array.from(x).filter(([, v]) => v > 1e-9).map(([m, v]) => [m, Math.round(v * 100) / 100]));
  const naiveCrps = pooledCrps(rows, { naive: 1 }, opts);
  let best = naiveCrps;
  for (const step of WEIGHT_STEPS) {
    let improved = true;
    while (improved) {
      improved = false;
      for (const from of names) {
        for (const to of names) {
          if (from === to || w.get(from)! < step - 1e-9) continue;
          const next = new Map(w);
          next.set(from, w.get(from)! - step);
          next.set(to, w.get(to)! + step);
          const s = pooledCrps(rows, asWeights(next), opts);
          if (s < best - 1e-12) {
            best = s;
            w.set(from, next.get(from)!);
            w.set(to, next.get(to)!);
            improved = true;
          }
        }
      }
    }
  }
  return { weights: asWeights(w), crps: best, naiveCrps };
}
