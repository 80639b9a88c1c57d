// Shared contracts of the forecast engine (vocabulary: imports only model-names.ts). No Next.js imports
// anywhere under server/forecast.

/** Horizons in trading days. */
export const HORIZONS = { "1d": 1, "2d": 2, "1w": 5 } as const;
export type HorizonKey = keyof typeof HORIZONS;
export const HORIZON_KEYS = Object.keys(HORIZONS) as HorizonKey[];

// The model names are vocabulary too (model-names.ts); the model list is never imported here.
import type { ModelName } from "./model-names";
export type { ModelName };

/** A cleaned daily price series, oldest first. All arrays have the same length. */
export interface PriceSeries {
  symbol: string;
  dates: string[]; // ISO YYYY-MM-DD, trading days only
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  /** Split-adjusted close: the price level that is forecast and shown. */
  close: Float64Array;
  /** Split- and dividend-adjusted close, for returns and ratios. */
  adjClose: Float64Array;
  volume: Float64Array;
  /**
   * Earnings releases filed with the SEC (8-K item 2.02), when the caller has them (the live data's
   * `earnings_dates`, read by the history loader): the event-day variance term then reads these instead of
   * the days it infers from the bars (volatility/filed-releases.ts). Absent: inferred, as on the shipped set.
   */
  filed?: readonly FiledRelease[];
}

/** One filed earnings release: EDGAR's acceptance time as stored (ISO; its clock read as New York's, see filed-releases.ts). */
export interface FiledRelease {
  filedAt: string;
}

export interface PointForecast {
  horizon: HorizonKey;
  steps: number;
  /** Forecast price level. */
  price: number;
  /** Forecast h-step log return relative to the last close. */
  logReturn: number;
  /** The model's own standard deviation of the h-step log return, when it has one. */
  modelSd?: number;
}

/** A trained model. predict() uses only the series it is given (data up to the forecast origin) and never refits. */
export interface FittedModel {
  readonly name: ModelName;
  predict(series: PriceSeries): PointForecast[];
  /** JSON-safe state from which loadModel() rebuilds an identical model. */
  toState(): ModelState;
}

export interface ModelState {
  name: ModelName;
  /** Format version of this model's state. */
  format: number;
  hyperparameters: Record<string, unknown>;
  /** Model parameters: numbers, arrays, nested objects; large weight arrays may be base64 Float64/Float32. */
  params: unknown;
}

export interface FitOptions {
  /** Seed for every random choice, so fits are repeatable. */
  seed?: number;
  horizons?: HorizonKey[];
  /**
   * Warm start: the state of a fit of the same model on an earlier window, to start from (a model with
   * `warmStart` only). The fit must depend on nothing but this state, the series and the seed.
   */
  warm?: ModelState;
}

/** A model: one spec carries its name, label, inputs, refit cadence and state format (see defineModel). */
export interface ModelSpec<N extends string = ModelName> {
  name: N;
  /** Shown to people (tables, API). */
  label: string;
  /** Inputs the model reads, recorded in its artifact. */
  features: readonly string[];
  /** Format version of the model's state in an artifact; load() refuses any other. */
  format: number;
  fit(series: PriceSeries, opts?: FitOptions): Promise<FittedModel> | FittedModel;
  load(state: ModelState): Promise<FittedModel> | FittedModel;
  /** Walk-forward refit interval (in origins) for models whose fit is expensive; the backtest default applies otherwise. */
  refitEvery?: number;
  /** The fixed settings a fit uses (JSON-safe); part of the hash that keys stored backtests, so a change re-runs them. */
  config?: unknown;
  /**
   * Walk-forward refits start from the fit at the last cold refit (see refits.ts): every `coldEvery`-th refit
   * on the fixed schedule is cold, the ones between are warm-started from it, and so is the final fit.
   */
  warmStart?: { coldEvery: number };
  /** Horizons at which a fit collapsed to the training-mean return (no boosting round, zero shrink). */
  fellBack?(model: FittedModel): HorizonKey[];
}
