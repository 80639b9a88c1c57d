// What GET /api/predictions/{symbol} returns (and what a finished compute-prediction job holds as result).
import type { BacktestFigures } from "@/server/registry/catalog";
import type { HorizonKey, ModelName } from "@/server/forecast/types";

export type LevelKey = "80" | "95" | "99";

export interface HorizonPrediction {
  /** Trading days ahead. */
  steps: number;
  price: number;
  change: number;
  changePercent: number;
  /** Estimated session date (weekdays after asOf; exchange holidays are not skipped). */
  targetDate: string;
  /** Calibrated intervals [lower, upper]; null when the backtest had too few residuals to calibrate. */
  intervals: Record<LevelKey, [number, number]> | null;
  /** Price quantiles at levels 0.005 .. 0.995, ascending; null with the intervals. */
  quantiles: { level: number; price: number }[] | null;
  /** The volatility model scaling the intervals (ewma, garch, gjr, har). */
  volModel: string | null;
  /** Walk-forward figures on held-out origins, from ModelMetric. */
  backtest: Pick<
    BacktestFigures,
    | "mae" | "naiveMae" | "maeRatio" | "maeRatioNoise" | "directionAccuracy" | "directionBaseline" | "directionPValue" | "callRate" | "directionHitRate" | "dmPValue"
    | "coverage80" | "coverage95" | "coverage99" | "width95" | "winkler95" | "crps" | "coverage95ByVolTercile" | "baselZone" | "note" | "origins" | "mape"
  > | null;
}

export interface ModelPrediction {
  name: ModelName;
  /** The model's label from its spec. */
  label: string;
  version: string;
  trainedAt: string;
  horizons: Partial<Record<HorizonKey, HorizonPrediction>>;
}

export interface PredictionResult {
  symbol: string;
  /** Date of the last daily bar the forecasts start from. */
  asOf: string;
  /** Market data source of that history. */
  source: string;
  /** true when the history is the shipped, as-of-dated data set (never live). */
  historical: boolean;
  lastClose: number;
  generatedAt: string;
  models: ModelPrediction[];
  baseline: "naive";
  /**
   * "baseline": only the calibrated baseline (naive and drift) is trained yet; "partial": some of the
   * configured models; "complete": every configured model.
   */
  stage: ForecastStage;
}

/** Where the served set stands (predictions/baseline.ts). */
export type ForecastStage = "baseline" | "partial" | "complete";

/** A training job of the symbol that a reader may follow (queued or running). */
export interface TrainingRef {
  job_id: string;
  status: "queued" | "running";
  poll: string;
}

/** GET: the forecast, with the symbol's training job when one is queued or running (null otherwise). */
export type PredictionRead = { status: 200; cache: "hit" | "miss"; body: PredictionResult & { training: TrainingRef | null } };

/** POST (a person asks for the models): 200 when every model is trained already, else 202 with the job. */
export type PredictionResponse = { status: 200; cache: "hit" | "miss"; body: PredictionResult } | { status: 202; body: TrainingRef };
