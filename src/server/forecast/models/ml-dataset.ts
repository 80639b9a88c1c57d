// Training sets and prediction rows for the feature-based models (random forest, GBT, LSTM).
import { computeFeatures, computeTargets, FEATURE_NAMES, FEATURE_WARMUP, rowIsComplete, type FeatureMatrix } from "../features";
import { windowSeries } from "../data";
import { HORIZONS, type HorizonKey, type PriceSeries } from "../types";

/** Bars used to compute features at predict time. Recursive indicators (EMA, RSI, ATR) forget their
 * seed geometrically, so after this many bars the last row equals the full-history value to ~1e-9,
 * while predict cost stays constant however long the series is. */
export const PREDICT_TAIL = 600;

export interface TrainingSet {
  names: string[];
  cols: number;
  /** Complete-feature rows, chronological, row-major. */
  X: Float64Array;
  rows: number;
  /** Series index of each row. */
  seriesIndex: Int32Array;
  /** Per horizon: the target of each row (NaN where the future is beyond the series). */
  y: Record<HorizonKey, Float64Array>;
}

/** The last `window` rows whose features are all defined, with their forward-return targets. */
export function buildTrainingSet({ series, window }: { series: PriceSeries; window: number }): TrainingSet {
  const fm = computeFeatures(series);
  const targets = computeTargets(series);
  const keep: number[] = [];
  for (let t = fm.rows - 1; t >= 0 && keep.length < window; t--) if (rowIsComplete(fm, t)) keep.push(t);
  keep.reverse();
  const rows = keep.length;
  const X = new Float64Array(rows * fm.cols);
  const y = {} as Record<HorizonKey, Float64Array>;
  for (const key of Object.keys(HORIZONS) as HorizonKey[]) y[key] = new Float64Array(rows);
  keep.forEach((t, i) => {
    X.set(fm.data.subarray(t * fm.cols, (t + 1) * fm.cols), i * fm.cols);
    for (const key of Object.keys(HORIZONS) as HorizonKey[]) y[key][i] = targets.byHorizon[key][t];
  });
  return { names: fm.names, cols: fm.cols, X, rows, seriesIndex: Int32Array.from(keep), y };
}

/** Local row indices whose target for this horizon is known. */
export function rowsWithTarget(set: TrainingSet, horizon: HorizonKey): Int32Array {
  const out: number[] = [];
  const y = set.y[horizon];
  for (let i = 0; i < set.rows; i++) if (Number.isFinite(y[i])) out.push(i);
  return Int32Array.from(out);
}

/** Features of the last `count` bars of the series, computed from its tail only. */
export function recentFeatures({ series, count }: { series: PriceSeries; count: number }): FeatureMatrix {
  const n = series.dates.length;
  const tail = windowSeries(series, n - Math.max(PREDICT_TAIL, count + FEATURE_WARMUP));
  const fm = computeFeatures(tail);
  const rows = Math.min(count, fm.rows);
  return { names: fm.names, cols: fm.cols, rows, data: fm.data.slice((fm.rows - rows) * fm.cols) };
}

export function checkFeatureNames(stateNames: unknown, model: string): string[] {
  const names = [...FEATURE_NAMES];
  if (!Array.isArray(stateNames) || stateNames.join(",") !== names.join(",")) {
    throw new Error(`${model}: state was trained on a different feature list`);
  }
  return names;
}
