import "server-only";
// The calibrated baseline a symbol gets at once: the naive and drift paths with the same volatility
// intervals, scores and walk-forward origins every model uses, trained through the registry like any model
// (so the full training later reuses their stored origins and the symbol's stored volatility fits, and the
// baseline is served from the active versions like the rest). It runs in the worker pool's fast lane, ahead of
// queued training, costs about one volatility plan (seconds), and is not a training a person asked for: it
// counts against no quota.
import { logger } from "@/lib/logger";
import { processService } from "@/lib/services";
import type { ModelName } from "@/server/forecast/types";
import { configuredModels } from "@/server/registry/configured-models";
import type { History } from "@/server/price-history/load-history";
import { untrainedModels } from "@/server/training/train-in-steps";
import { trainAndRegister } from "@/server/training/train-symbol";
import { newVersion } from "@/server/registry/register";
import type { ForecastStage } from "./types";

/** The models that make the baseline: no fitting worth the name, one volatility plan. */
export const BASELINE_MODELS: readonly ModelName[] = ["naive", "drift"];

/** The configured baseline models (naive is always configured). */
export const baselineModels = (): ModelName[] => configuredModels().filter((m) => BASELINE_MODELS.includes(m));

/** Where the served set stands: only the baseline, some models, or every configured model. */
export function stageOf(active: readonly ModelName[]): ForecastStage {
  const configured = configuredModels();
  if (configured.every((m) => active.includes(m))) return "complete";
  return active.every((m) => BASELINE_MODELS.includes(m)) ? "baseline" : "partial";
}

// One baseline run per symbol and last bar at a time: requests arriving meanwhile wait for the same run.
const runs = () => processService("baselineRuns", () => new Map<string, Promise<void>>());

/** Trains the symbol's baseline models on its current bars when they are not active yet (fast lane). */
export async function ensureBaseline({ history }: { history: History }): Promise<void> {
  const symbol = history.series.symbol;
  const key = `${symbol}:${history.asOf}`;
  const running = runs().get(key);
  if (running) return running;
  const run = (async () => {
    const missing = await untrainedModels({ symbol, lastDate: history.asOf, names: baselineModels() });
    if (missing.length === 0) return;
    const started = performance.now();
    await trainAndRegister({ series: history.series, models: missing, ensembleMembers: [], version: newVersion(), lane: "fast" });
    logger.info("baseline trained", { symbol, models: missing, ms: Math.round(performance.now() - started) });
  })().finally(() => runs().delete(key));
  runs().set(key, run);
  return run;
}
