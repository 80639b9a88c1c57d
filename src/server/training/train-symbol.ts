import "server-only";
// Training a symbol: walk-forward backtests from the stored origins and final fits (in the worker pool when
// there is one), the stores written back, and each model handed to the registry (register.ts). The served
// forecast follows by itself: a cached one that names other versions is not served (predictions/cache.ts).
import { logger } from "@/lib/logger";
import type { ModelName, PriceSeries } from "@/server/forecast/vocabulary";
import { noteInterest } from "@/server/market";
import { assertTrainable, loadHistory } from "@/server/price-history";
import { configuredModels, loadStoredBacktestBytes, loadStoredVolatilityBytes, newVersion, recordDirectionCalibrations, register, resolveModels, saveStoredBacktestBytes, saveStoredVolatilityBytes, type TrainedVersion } from "@/server/registry";
import { expectedMs, recordStepTime } from "./estimates";
import { trainModels } from "./train-pool";
import type { Lane, RunningTask } from "@/lib/workers/pool";

export interface TrainProgress {
  model: ModelName;
  /** 1-based: the model's position in a one-step run; in a run of steps, the models finished so far + 1 (progress.ts modelNumber). */
  index: number;
  total: number;
  stage: "backtest" | "fit" | "done";
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
  /** Walk-forward origins per backtested model: computed in this run, and reused from the store; the walk-forward fits made; whether the final fit is the stored one. */
  backtests: { model: ModelName; computed: number; reused: number; fits: number; finalReused: boolean }[];
  /** Volatility fits of the run's plan: computed and reused refit-bar fits, and final fits computed (of one per horizon). */
  volatility: { computed: number; reused: number; finalsComputed: number };
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
  const trainedTo = finishTraining({ series });
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
  // The rows' bytes go to the training thread as they are: it decodes them, and merges and encodes what it writes.
  const stored = await loadStoredBacktestBytes({ symbol: sym, models: backtested });
  const volStored = await loadStoredVolatilityBytes({ symbol: sym });
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
  // The training thread merged and encoded the stores and computed the calibrations: this thread writes them.
  for (const { model, save } of result.stores) if (save) await saveStoredBacktestBytes({ symbol: sym, model, ...save });
  if (result.volStore.save) await saveStoredVolatilityBytes({ symbol: sym, ...result.volStore.save });
  const out: TrainedVersion[] = [];
  for (const m of result.models) {
    const registered = await register({ artifact: m.artifact, symbol: sym });
    // Recommendations need the stated direction probability scored on the same held-out origins.
    await recordDirectionCalibrations({ modelVersionId: registered.modelVersionId, calibrations: m.calibrations });
    out.push(registered);
  }
  const backtests = result.stores.map((s) => ({ model: s.model, computed: s.computed, reused: s.reused, fits: s.fitsMade, finalReused: s.finalReused }));
  const { computed, reused, finalsComputed } = result.volStore;
  return { models: out, threadId: result.threadId, backtests, volatility: { computed, reused, finalsComputed } };
}

/** After the last model of a run: the last bar trained to; a trained symbol gets its new bars (and a retrain) from the daily refresh. */
export function finishTraining({ series }: { series: PriceSeries }): string {
  void noteInterest({ symbol: series.symbol, kind: "train" });
  return series.dates[series.dates.length - 1];
}
