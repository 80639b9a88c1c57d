import "server-only";
// The calibrated baseline a symbol gets at once: the naive and drift paths with the same volatility
// intervals, scores and walk-forward origins every model uses, trained through the registry like any model
// (so the full training later reuses their stored origins and the symbol's stored volatility fits, and the
// baseline is served from the active versions like the rest). It runs in the worker pool's fast lane, ahead of
// queued training, costs about one volatility plan (seconds), and is not a training a person asked for: it
// counts against no quota.
import { logger } from "@/lib/logger";
import { processService } from "@/lib/services";
import type { ModelName } from "@/server/forecast/vocabulary";
import type { History } from "@/server/price-history";
import { newVersion, untrainedModels } from "@/server/registry";
import { trainAndRegister } from "@/server/training";
import { BASELINE_MODELS } from "./compute";

// One baseline run per symbol and last bar at a time: requests arriving meanwhile wait for the same run.
const runs = () => processService("baselineRuns", () => new Map<string, Promise<void>>());

/** Trains the symbol's baseline models (of the configured ones) on its current bars when they are not active yet (fast lane). */
export async function ensureBaseline({ history, configured }: { history: History; configured: readonly ModelName[] }): Promise<void> {
  const symbol = history.series.symbol;
  const key = `${symbol}:${history.asOf}`;
  const running = runs().get(key);
  if (running) return running;
  const run = (async () => {
    const missing = await untrainedModels({ symbol, lastDate: history.asOf, names: configured.filter((m) => BASELINE_MODELS.includes(m)) });
    if (missing.length === 0) return;
    const started = performance.now();
    await trainAndRegister({ series: history.series, models: missing, ensembleMembers: [], version: newVersion(), lane: "fast" });
    logger.info("baseline trained", { symbol, models: missing, ms: Math.round(performance.now() - started) });
  })().finally(() => runs().delete(key));
  runs().set(key, run);
  return run;
}
