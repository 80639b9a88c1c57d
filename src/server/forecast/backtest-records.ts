// The engine's backtest records (vocabulary, like types.ts): what a walk-forward backtest produces, and what is
// stored of it so a retrain computes only what changed (the rules: backtest.ts, backtest-store.ts). Imports
// nothing but the other vocabulary files, so the registry, the training runner and the stores read these
// without depending on the engine's code.
import type { HorizonKey, ModelName, ModelState } from "./types";
import type { VolModelName } from "./volatility/names";

/** Out-of-sample forecasts of one model at one horizon; parallel arrays, one entry per origin, oldest first. */
export interface HorizonBacktest {
  horizon: HorizonKey;
  steps: number;
  /** Index of the origin bar in the series. */
  origin: Int32Array;
  originPrice: Float64Array;
  /** Forecast h-step log return. */
  forecast: Float64Array;
  /** Realized h-step log return ln(close[t+h]/close[t]). */
  actual: Float64Array;
  /** The model's own sd of the h-step log return, NaN when it has none. */
  modelSd: Float64Array;
  /** EWMA daily volatility known at the origin. */
  vol: Float64Array;
  /** Forecast sd of the h-step log return at the origin from the chosen volatility model (scales the intervals). */
  scale: Float64Array;
  /** The reference scale: EWMA daily vol x sqrt(h). */
  refScale: Float64Array;
  /** ln(1 + z^2) of the day's move to the origin, z against the plan's 1-day sd (the shock-slope mode's state). */
  shock?: Float64Array;
  /** The same for the last bar (serving's origin). */
  shockServing?: number;
  volModel: VolModelName;
  /** 1 where the model in use at that origin had fallen back to the mean return at this horizon. */
  fellBack: Uint8Array;
  /** Entries before this index are warm-up: used to calibrate intervals, never scored. */
  evalStart: number;
}

export interface BacktestResult {
  model: ModelName;
  symbol: string;
  horizons: Partial<Record<HorizonKey, HorizonBacktest>>;
  fits: number;
  refitEvery: number;
  /** Mean wall time of one fit, and of one predict call. */
  fitMs: number;
  predictMs: number;
  firstOrigin: string;
  lastOrigin: string;
  /** What to store: the origins this run computed (fits counts only their fits), and how many it reused. */
  store?: BacktestStoreUpdate;
  /** The state the final fit (on every bar) warm-starts from, for a model with `warmStart`. */
  finalWarm?: ModelState;
}

/** One origin of one model's walk-forward backtest: the forecast made from the bars up to the origin. */
export interface StoredOrigin {
  /** Index of the origin bar in the series. */
  index: number;
  date: string;
  /** Hash of every bar from the first to the origin (see originFingerprints). */
  fingerprint: string;
  /** Forecast h-step log return per horizon. */
  forecast: Partial<Record<HorizonKey, number>>;
  /** The model's own sd of the h-step log return; null where it has none. */
  modelSd: Partial<Record<HorizonKey, number | null>>;
  /** Horizons at which the fit in use had fallen back to the mean return. */
  fellBack: HorizonKey[];
}

/** The final fit (the artifact's model) of a run, kept so a retrain on unchanged bars loads it instead of refitting. */
export interface StoredFinalFit {
  /** Fingerprint of the last bar the fit saw (so of every bar). */
  fingerprint: string;
  state: ModelState;
  fitMs: number;
}

/** A walk-forward fit made at refit origin `index` on the bars up to it (see refits.ts), kept for the next run. */
export interface StoredFit {
  index: number;
  date: string;
  /** Fingerprint of the bars up to the refit origin: the fit is valid while it is unchanged. */
  fingerprint: string;
  state: ModelState;
}

/** A model's stored origins for one symbol, made under one configuration hash. */
export interface StoredBacktest {
  configHash: string;
  origins: StoredOrigin[];
  final?: StoredFinalFit;
  /** The walk-forward fits a later run can start from (the latest refit and its warm-start anchor). */
  fits?: StoredFit[];
}

/** What a backtest run adds to the store: the origins it computed (the rest it reused). */
export interface BacktestStoreUpdate {
  configHash: string;
  /** First origin the backtest covers; stored origins before it are no longer needed. */
  firstIndex: number;
  firstDate: string;
  computed: StoredOrigin[];
  reused: number;
  /** Fingerprint of the series' last bar. */
  lastFingerprint: string;
  /** The walk-forward fits to keep (replacing the stored ones). */
  fits: StoredFit[];
  /** Walk-forward fits this run made (the rest of the fits it used were stored ones). */
  fitsMade: number;
  /** Set by training: the final fit to keep beside the origins. */
  final?: StoredFinalFit;
}
