import "server-only";
// Training under Inngest (hosted shape): one step per model, so each invocation stays well inside a
// function's time limit. Every step reads the model's stored walk-forward origins and the symbol's stored
// volatility fits and computes only what is new (the first step makes the volatility plan's new fits, the
// later steps reuse them); the ensemble's step reuses its members' stored origins (no member backtest is
// re-run) and refits only their final models. All steps of a run share one version, made in the first step.
import { AppError } from "@/lib/errors";
import type { JobStepTools } from "@/lib/queue/types";
import { logger } from "@/lib/logger";
import type { ModelName } from "@/server/forecast/types";
import { configuredModels, resolveModels } from "./configured-models";
import { assertTrainable, loadHistory } from "./history";
import { finishTraining, trainAndRegister, type TrainProgress, type TrainSymbolResult } from "./train-symbol";
import { newVersion } from "./versions";

export async function trainSymbolInSteps({
  symbol,
  models,
  reason,
  step,
  onProgress,
  signal,
}: {
  symbol: string;
  models?: readonly string[];
  reason: "schedule" | "manual" | "first-request";
  step: JobStepTools;
  onProgress?: (p: TrainProgress) => void | Promise<void>;
  signal?: AbortSignal;
}): Promise<TrainSymbolResult | { symbol: string; error: string }> {
  const started = performance.now();
  const plan = await step.run(`plan-${symbol}`, async () => {
    try {
      const { series } = await loadHistory({ symbol });
      assertTrainable({ series });
      return { symbol: series.symbol, version: newVersion(), names: models ? resolveModels(models) : configuredModels() };
    } catch (err) {
      // An unknown symbol or one too short to backtest is an answer, not a step to retry.
      if (err instanceof AppError) return { symbol, error: err.message };
      throw err;
    }
  });
  if (plan.error !== undefined) return { symbol: plan.symbol, error: plan.error };
  const { names, version } = plan as { names: ModelName[]; version: string };
  const members = names.filter((n) => n !== "ensemble");
  const parts: Awaited<ReturnType<typeof trainAndRegister>>[] = [];
  for (const [i, model] of names.entries()) {
    signal?.throwIfAborted();
    // Progress of model i is reported as model i of the whole run.
    const report = onProgress ? (p: TrainProgress) => onProgress({ ...p, index: i + 1, total: names.length }) : undefined;
    parts.push(
      await step.run(`train-${plan.symbol}-${model}`, async () => {
        const { series } = await loadHistory({ symbol: plan.symbol });
        const only: ModelName[] = [model];
        return trainAndRegister({ series, models: only, ensembleMembers: model === "ensemble" ? members : [], version, onProgress: report, signal });
      }),
    );
  }
  const trainedTo = await step.run(`finish-${plan.symbol}`, () => finishTraining({ symbol: plan.symbol }));
  const result: TrainSymbolResult = {
    symbol: plan.symbol,
    version,
    trainedTo,
    reason,
    models: parts.flatMap((p) => p.models),
    totalMs: Math.round(performance.now() - started),
    threadId: parts[0]?.threadId ?? 0,
    // The ensemble's step re-reads its members' origins: the first step that backtested a model reports it.
    backtests: parts.flatMap((p) => p.backtests).filter((b, i, all) => all.findIndex((x) => x.model === b.model) === i),
    // Every step makes the volatility plan from the stored fits: the first step computes what is new, the
    // later ones reuse it. Reported as what the run computed in all, and what its first step reused.
    volatility: {
      computed: parts.reduce((s, p) => s + p.volatility.computed, 0),
      reused: parts[0]?.volatility.reused ?? 0,
      finalsComputed: parts.reduce((s, p) => s + p.volatility.finalsComputed, 0),
    },
  };
  logger.info("models trained in steps", { symbol: plan.symbol, version, reason, steps: names.length });
  return result;
}
