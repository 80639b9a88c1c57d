import "server-only";
// The model registry: trains a symbol, stores each artifact and its walk-forward metrics, and promotes a
// candidate to active only when it is not worse than the version it would replace (see promotion.ts).
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { storage, modelArtifactKey } from "@/lib/storage";
import { serializeArtifact, type ModelArtifact } from "@/server/forecast/artifacts";
import { flatIntervalFigures } from "@/server/forecast/interval-scores";
import type { HorizonMetrics } from "@/server/forecast/metrics";
import { HORIZON_KEYS, type ModelName, type PriceSeries } from "@/server/forecast/types";
import { predictionCacheKey } from "./prediction-cache-key";
import { recordDirectionCalibrations } from "@/server/recommendations/calibration-store";
import { noteInterest } from "@/server/market/bar-store/interest";
import { assertTrainable, loadHistory } from "./history";
import { publishEvent } from "@/server/events/publish";
import { configuredModels, horizonSteps, resolveModels } from "./configured-models";
import { decidePromotion, type PromotionFigures } from "./promotion";
import { loadStoredBacktests, saveStoredBacktest } from "./stored-backtests";
import { loadStoredVolatility, saveStoredVolatility } from "./stored-volatility";
import { expectedMs, recordStepTime } from "./estimates";
import { trainModels } from "./train-pool";
import type { Lane, RunningTask } from "@/lib/workers/pool";
import { newVersion } from "./versions";

export interface TrainProgress {
  model: ModelName;
  /** 1-based position of the model in this run. */
  index: number;
  total: number;
  stage: "backtest" | "fit" | "done";
}

export interface TrainedVersion {
  model: ModelName;
  version: string;
  modelVersionId: string;
  status: "active" | "candidate";
  reason: string;
  maeRatio: Partial<Record<string, number | null>>;
}

export interface TrainSymbolResult {
  symbol: string;
  version: string;
  trainedTo: string;
  reason: string;
  models: TrainedVersion[];
  totalMs: number;
  /** The thread the models were trained on. */
  threadId: number;
  /** Walk-forward origins per backtested model: computed in this run, and reused from the store; and the fits made. */
  backtests: { model: ModelName; computed: number; reused: number; fits: number }[];
  /** Volatility fits of the run's plan: computed and reused refit-bar fits, and final fits computed (of one per horizon). */
  volatility: { computed: number; reused: number; finalsComputed: number };
}

// A figure that does not exist (naive has no direction; too few origins for an interval) is stored as NULL.
const finiteOrNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

function metricRow(m: HorizonMetrics) {
  const iv = m.intervals;
  return {
    horizon: m.steps,
    mae: finiteOrNull(m.mae),
    rmse: finiteOrNull(m.rmse),
    mape: finiteOrNull(m.mape),
    maeRatio: finiteOrNull(m.maeRatio),
    maeRatioNoise: finiteOrNull(m.maeRatioNoise),
    directionAccuracy: finiteOrNull(m.direction.accuracy),
    directionPValue: finiteOrNull(m.direction.pValue),
    directionBaseline: finiteOrNull(m.direction.baseline),
    callRate: finiteOrNull(m.direction.callRate),
    dmStat: finiteOrNull(m.dm?.stat),
    dmPValue: finiteOrNull(m.dm?.pValue),
    ...flatIntervalFigures(iv, finiteOrNull),
    coverage95Low: finiteOrNull(iv.coverage95ByVolTercile[0]),
    coverage95Mid: finiteOrNull(iv.coverage95ByVolTercile[1]),
    coverage95High: finiteOrNull(iv.coverage95ByVolTercile[2]),
    baselZone: m.basel?.zone ?? null,
    baselExceptions: m.basel?.exceptions ?? null,
    volModel: m.volModel,
    fellBackShare: finiteOrNull(m.fellBackShare),
    nOrigins: m.n,
  };
}

const promotionFiguresOf = (a: ModelArtifact): Record<number, PromotionFigures> =>
  Object.fromEntries(
    HORIZON_KEYS.map((h) => {
      const m = a.metrics[h];
      return [horizonSteps(h), { winkler95: finiteOrNull(m?.intervals?.winkler["95"]), maeRatio: finiteOrNull(m?.maeRatio), maeRatioNoise: finiteOrNull(m?.maeRatioNoise) }];
    }),
  );

async function register({ artifact, symbol }: { artifact: ModelArtifact; symbol: string }): Promise<TrainedVersion> {
  const db = await getDb();
  const key = modelArtifactKey({ model: artifact.model, version: artifact.version, symbol, ext: "json" });
  await storage.put({ key, body: serializeArtifact(artifact), contentType: "application/json" });
  const row = await db.modelVersion.create({
    data: {
      model: artifact.model,
      version: artifact.version,
      symbol,
      status: "candidate",
      artifactKey: key,
      trainedAt: new Date(artifact.trainedAt),
      trainingFrom: new Date(`${artifact.trainingWindow.from}T00:00:00Z`),
      trainingTo: new Date(`${artifact.trainingWindow.to}T00:00:00Z`),
      hyperparameters: JSON.parse(JSON.stringify(artifact.hyperparameters)),
      metrics: { create: HORIZON_KEYS.flatMap((h) => (artifact.metrics[h] ? [metricRow(artifact.metrics[h])] : [])) },
    },
  });
  const active = await db.modelVersion.findFirst({
    where: { symbol, model: artifact.model, status: "active" },
    include: { metrics: true },
    orderBy: { trainedAt: "desc" },
  });
  const decision = decidePromotion({
    candidate: promotionFiguresOf(artifact),
    active: active ? Object.fromEntries(active.metrics.map((m) => [m.horizon, { winkler95: m.winkler95, maeRatio: m.maeRatio, maeRatioNoise: m.maeRatioNoise }])) : null,
  });
  if (decision.promote) {
    await db.$transaction([
      db.modelVersion.updateMany({ where: { symbol, model: artifact.model, status: "active" }, data: { status: "retired" } }),
      db.modelVersion.update({ where: { id: row.id }, data: { status: "active" } }),
    ]);
  }
  const maeRatio = Object.fromEntries(HORIZON_KEYS.map((h) => [h, finiteOrNull(artifact.metrics[h]?.maeRatio)]));
  if (decision.promote) {
    const data = { symbol, model: artifact.model, version: artifact.version, modelVersionId: row.id, reason: decision.reason, maeRatio };
    await publishEvent({ type: "model.promoted", id: `evt_model_${row.id}`, data });
  }
  return {
    model: artifact.model,
    version: artifact.version,
    modelVersionId: row.id,
    status: decision.promote ? "active" : "candidate",
    reason: decision.reason,
    maeRatio,
  };
}

/** Walk-forward backtest -> fit -> artifact + metrics per model, then the promotion rule per model. */
export async function trainSymbol({
  symbol,
  models,
  reason,
  onProgress,
  signal,
}: {
  symbol: string;
  models?: readonly string[];
  reason: "schedule" | "manual" | "first-request" | "cli" | "warm";
  onProgress?: (p: TrainProgress) => void | Promise<void>;
  /** Aborted when the job is cancelled: training stops before its next model. */
  signal?: AbortSignal;
}): Promise<TrainSymbolResult> {
  const started = performance.now();
  const names = models ? resolveModels(models) : configuredModels();
  const { series } = await loadHistory({ symbol });
  assertTrainable({ series });
  const sym = series.symbol;
  const version = newVersion();
  const part = await trainAndRegister({ series, models: names, ensembleMembers: names.filter((n) => n !== "ensemble"), version, onProgress, signal });
  const out = part.models;
  const trainedTo = await finishTraining({ symbol: sym });
  logger.info("models trained", { symbol: sym, version, reason, models: out.map((m) => `${m.model}:${m.status}`) });
  return {
    symbol: sym,
    version,
    trainedTo,
    reason,
    models: out,
    totalMs: Math.round(performance.now() - started),
    threadId: part.threadId,
    backtests: part.backtests,
    volatility: part.volatility,
  };
}

/**
 * Trains `models` of one symbol (in the worker pool when there is one) from the stored walk-forward origins,
 * stores what the backtests computed, and registers each model under `version` with the promotion rule.
 * trainSymbol runs it once for all models; the hosted shape once per model, one step each (train-in-steps.ts).
 */
export async function trainAndRegister({
  series,
  models,
  ensembleMembers,
  version,
  onProgress,
  signal,
  lane,
  onWait,
}: {
  series: PriceSeries;
  models: readonly ModelName[];
  ensembleMembers: readonly ModelName[];
  version: string;
  onProgress?: (p: TrainProgress) => void | Promise<void>;
  signal?: AbortSignal;
  /** The worker pool's lane: "person" by default; a baseline is "fast", background work "background". */
  lane?: Lane;
  /** Told, with what holds the training threads, when this step has to wait for one. */
  onWait?: (holding: RunningTask[]) => void;
}): Promise<Pick<TrainSymbolResult, "models" | "threadId" | "backtests" | "volatility">> {
  const sym = series.symbol;
  const bars = series.dates.length;
  let startedAt: number | null = null;
  // The ensemble's members are backtested too (naive always), so their stored origins are read as well.
  const backtested = models.includes("ensemble") ? [...new Set<ModelName>([...ensembleMembers, "naive"])] : models.filter((n) => n !== "ensemble");
  const stored = await loadStoredBacktests({ symbol: sym, models: backtested });
  const volStored = await loadStoredVolatility({ symbol: sym });
  const seen: ModelName[] = [];
  // The engine's callback is synchronous: reports are chained so they land in order (a pool could reorder them).
  let reported: Promise<unknown> = Promise.resolve();
  const result = await trainModels({
    series,
    models: [...models],
    ensembleMembers: [...ensembleMembers],
    version,
    stored,
    volStored,
    signal,
    lane,
    label: { subject: sym, what: models.join(","), expectMs: expectedMs({ models, bars }) },
    onWait,
    onProgress: (e) => {
      startedAt ??= performance.now();
      if (!seen.includes(e.model)) seen.push(e.model);
      const report = { model: e.model, index: seen.indexOf(e.model) + 1, total: models.length, stage: e.stage };
      if (onProgress) {
        reported = reported.then(() => onProgress(report)).catch((err: unknown) => logger.warn("training progress not recorded", { symbol: sym, err }));
      }
    },
  });
  await reported;
  // A one-model step is what the progress estimates are made of (the time on the thread, not the wait).
  if (models.length === 1 && startedAt !== null) recordStepTime({ model: models[0], ms: performance.now() - startedAt, bars });
  for (const { model, update } of result.stores) await saveStoredBacktest({ symbol: sym, model, before: stored[model], update });
  await saveStoredVolatility({ symbol: sym, before: volStored, update: result.volStore });
  const out: TrainedVersion[] = [];
  for (const m of result.models) {
    const registered = await register({ artifact: m.artifact, symbol: sym });
    // Recommendations need the stated direction probability scored on the same held-out origins.
    await recordDirectionCalibrations({ modelVersionId: registered.modelVersionId, backtest: m.backtest });
    out.push(registered);
  }
  // The models appear as they finish: the next request forecasts from the new active set.
  await cache.del(predictionCacheKey({ symbol: sym, asOf: series.dates[bars - 1] }));
  const backtests = result.stores.map((s) => ({ model: s.model, computed: s.update.computed.length, reused: s.update.reused, fits: s.update.fitsMade }));
  const v = result.volStore;
  return { models: out, threadId: result.threadId, backtests, volatility: { computed: v.computed.length, reused: v.reused, finalsComputed: v.finalsComputed } };
}

/** After the last model of a run: the symbol's cached prediction is dropped so the next request uses the new models. */
export async function finishTraining({ symbol }: { symbol: string }): Promise<string> {
  const { series } = await loadHistory({ symbol });
  const trainedTo = series.dates[series.dates.length - 1];
  await cache.del(predictionCacheKey({ symbol: series.symbol, asOf: trainedTo }));
  // A trained symbol gets its new bars (and a retrain) from the daily refresh.
  void noteInterest({ symbol: series.symbol, kind: "train" });
  return trainedTo;
}
