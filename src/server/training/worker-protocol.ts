// The training worker's message protocol: the tasks the pool (train-pool.ts) hands a thread, what the thread
// (train-worker.ts) answers, and the progress events it posts on the task's port. Types only: both sides and
// their callers import these, and neither side imports the other for them.
import type { CrossSectionRun, HorizonCalibration, MarketVariance, ModelArtifact, StoredVolPlan } from "@/server/forecast";
import type { ModelName, PriceSeries, StoredBacktest } from "@/server/forecast/vocabulary";
import type { PortfolioRisk, RiskOptions, RiskSeries, VolPaths } from "@/server/forecast/portfolio-risk";

/** A training task: some models of one symbol. */
export interface TrainInput {
  series: PriceSeries;
  models: ModelName[];
  ensembleMembers: ModelName[];
  version: string;
  /**
   * Stored walk-forward origins per model (read by the caller: a worker has no database): the row's gzip bytes
   * (decoded on the thread, stored-codec.ts), or the state itself from a row written before those bytes.
   */
  stored?: Partial<Record<ModelName, StoredBacktest | Uint8Array>>;
  /** The symbol's stored volatility fits (read by the caller too): the row's gzip bytes, or the fits from an older row. */
  volStored?: StoredVolPlan | Uint8Array;
}

/** Stored state the thread merged and encoded (gzip JSON, stored-codec.ts): the server's thread only writes the bytes. */
export interface StateToSave {
  configHash: string;
  stateGz: Uint8Array;
}

/** Posted on the task's port as a model's training moves on. */
export type TrainEvent = { model: ModelName; stage: "backtest" | "fit" | "done"; ms?: number };

/**
 * A training task's answer. Only what the server's thread uses crosses: each model's artifact (registered there)
 * and its direction calibrations (computed here with the backtest), the stores' counts and their bytes to write;
 * never a backtest or a store update themselves (their arrays cost the server's thread to copy in).
 */
export interface PoolTrainResult {
  models: { artifact: ModelArtifact; calibrations: HorizonCalibration[] }[];
  /** Per backtested model: origins computed and reused, walk-forward fits made, the final fit reused; the state to write, null when unchanged. */
  stores: { model: ModelName; computed: number; reused: number; fitsMade: number; finalReused: boolean; save: StateToSave | null }[];
  /** The volatility plan's fits computed and reused, final fits computed; the symbol's fits to write, null when unchanged. */
  volStore: { computed: number; reused: number; finalsComputed: number; save: StateToSave | null };
  /** The thread that did the work (differs from the server's when the pool ran it). */
  threadId: number;
}

/** What the warm-up task returns: the thread, and the market term it computed (the server forecasts with it). */
export interface WarmUpResult {
  threadId: number;
  market: MarketVariance;
  /** Whether the thread has loaded TensorFlow.js: only an LSTM fit loads it (models/lstm-net.ts). */
  tfjs: boolean;
}

/** A portfolio risk task: one holding's volatility paths (sharing this thread's plans with training), or the join. */
export type RiskTask = { volPaths: { series: PriceSeries; volStored?: StoredVolPlan } } | { portfolioRisk: { dates: string[]; series: RiskSeries[]; options?: RiskOptions } };

/** Every task a training thread takes (the pool adds the port and the cancel flag). */
export type WorkerTask = TrainInput | { warmUp: true } | RiskTask | { crossSection: PriceSeries[] };
export type WorkerResult = PoolTrainResult | WarmUpResult | VolPaths | PortfolioRisk | CrossSectionRun;
