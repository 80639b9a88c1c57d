import "server-only";
// Training one model per step, in both shapes: under Inngest each invocation stays well inside a function's
// time limit; in the embedded shape each model is one task of the worker pool, so a model appears as soon as
// it is trained (`onModel`), a person's task goes before background work at every model boundary, and
// background work can give up its runner slot there (`beforeModel`) and resume later from its recorded steps. Every step reads the model's stored walk-forward origins and the symbol's stored
// volatility fits and computes only what is new (the first step makes the volatility plan's new fits, the
// later steps reuse them); the ensemble's step reuses its members' stored origins (no member backtest is
// re-run) and refits only their final models. All steps of a run share one version, made in the first step.
import { AppError } from "@/lib/errors";
import type { Lane, RunningTask } from "@/lib/workers/pool";
import type { JobStepTools } from "@/lib/queue/types";
import { logger } from "@/lib/logger";
import type { ModelName } from "@/server/forecast/vocabulary";
import { configuredModels, hasStoredVolatility, newVersion, resolveModels, untrainedModels } from "@/server/registry";
import { refreshEarningsDates } from "@/server/market";
import { assertTrainable, loadHistory } from "@/server/price-history";
import { finishTraining, trainAndRegister, type TrainProgress, type TrainSymbolResult } from "./train-symbol";
import { expectedStepMs } from "./estimates";
import { modelNumber } from "./progress";

/**
 * Runs `work` on each item, at most `width()` at a time (asked again before each start). On a failure the
 * items already started are let finish, nothing new starts, and the first error is thrown.
 */
export async function runAtMost<T>(items: readonly T[], width: () => number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const running = new Set<Promise<void>>();
  let failed: { err: unknown } | null = null;
  while ((queue.length > 0 && !failed) || running.size > 0) {
    while (queue.length > 0 && !failed && running.size < Math.max(1, width())) {
      const p: Promise<void> = work(queue.shift()!)
        .catch((err: unknown) => {
          failed ??= { err };
        })
        .finally(() => running.delete(p));
      running.add(p);
    }
    if (running.size > 0) await Promise.race(running);
  }
  if (failed) throw (failed as { err: unknown }).err;
}

const NOTHING: Awaited<ReturnType<typeof trainAndRegister>> = { models: [], threadId: 0, backtests: [], volatility: { computed: 0, reused: 0, finalsComputed: 0 } };

export interface StepPlan {
  symbol: string;
  version: string;
  names: ModelName[];
  bars: number;
}

export async function trainSymbolInSteps({
  symbol,
  models,
  reason,
  step,
  onProgress,
  signal,
  onlyUntrained = false,
  lane,
  onPlan,
  beforeModel,
  onModel,
  onWait,
  parallel = 1,
}: {
  symbol: string;
  models?: readonly string[];
  reason: "schedule" | "manual" | "first-request" | "warm";
  step: JobStepTools;
  onProgress?: (p: TrainProgress) => void | Promise<void>;
  signal?: AbortSignal;
  /** Train only the models without an active version on the current bars (a forecast job, a warm-up). */
  onlyUntrained?: boolean;
  /** The pool lane of each model's step (a function: a warm-up a person joined moves to the person lane). */
  lane?: Lane | (() => Lane);
  onPlan?: (plan: StepPlan) => void | Promise<void>;
  /** Called before each model's step (replayed ones too): may throw to stop at this boundary (a yield). */
  beforeModel?: (args: { model: ModelName; index: number; plan: StepPlan }) => void | Promise<void>;
  /** Called after each model's step (replayed ones too). */
  onModel?: (args: { model: ModelName; index: number; plan: StepPlan }) => void | Promise<void>;
  onWait?: (holding: RunningTask[], args: { model: ModelName; index: number; plan: StepPlan }) => void;
  /** Models a person's run may train at once (the pool's threads); background runs train one at a time. */
  parallel?: number;
}): Promise<TrainSymbolResult | { symbol: string; error: string }> {
  const started = performance.now();
  const plan = await step.run(`plan-${symbol}`, async () => {
    try {
      // A live install reads the symbol's filings first (at most once a day): a release filed since is in the plan.
      await refreshEarningsDates({ symbol });
      const { series } = await loadHistory({ symbol });
      assertTrainable({ series });
      const wanted = models ? resolveModels(models) : configuredModels();
      const lastDate = series.dates[series.dates.length - 1];
      const names = onlyUntrained ? await untrainedModels({ symbol: series.symbol, lastDate, names: wanted }) : wanted;
      return { symbol: series.symbol, version: newVersion(), names, bars: series.dates.length };
    } catch (err) {
      // An unknown symbol or one too short to backtest is an answer, not a step to retry.
      if (err instanceof AppError) return { symbol, error: err.message };
      throw err;
    }
  });
  if (plan.error !== undefined) return { symbol: plan.symbol, error: plan.error };
  const ready = plan as StepPlan;
  const { names, version } = ready;
  await onPlan?.(ready);
  // The ensemble learns weights for every configured base model (their origins are stored, none re-run).
  const members = (models ? resolveModels(models) : configuredModels()).filter((n) => n !== "ensemble");
  const parts: Awaited<ReturnType<typeof trainAndRegister>>[] = [];
  let done = 0;
  const laneNow = () => (typeof lane === "function" ? lane() : lane);
  const runModel = async (model: ModelName, i: number) => {
    signal?.throwIfAborted();
    const at = { model, index: i + 1, plan: ready };
    await beforeModel?.(at);
    // Reported as model k of the run, k = the models finished so far + 1 (read when the report is made): models
    // training side by side, the longest first, would otherwise count back ("4 of 6" -> "3 of 6").
    // The ensemble's step refits its members, which report as themselves: that is the ensemble's fit.
    const own = (p: TrainProgress): TrainProgress => (p.model === model ? p : { ...p, model, stage: "fit" });
    const report = onProgress ? (p: TrainProgress) => onProgress({ ...own(p), index: modelNumber({ finished: done, total: names.length }), total: names.length }) : undefined;
    parts.push(
      await step.run(`train-${plan.symbol}-${model}`, async () => {
        const { series } = await loadHistory({ symbol: plan.symbol });
        // Trained meanwhile (a baseline a reader's request trained in the fast lane): not trained twice.
        const lastDate = series.dates[series.dates.length - 1];
        if (onlyUntrained && (await untrainedModels({ symbol: plan.symbol, lastDate, names: [model] })).length === 0) return NOTHING;
        const only: ModelName[] = [model];
        const wait = onWait ? (holding: RunningTask[]) => onWait(holding, at) : undefined;
        return trainAndRegister({ series, models: only, ensembleMembers: model === "ensemble" ? members : [], version, onProgress: report, signal, lane: laneNow(), onWait: wait });
      }),
    );
    done += 1;
    await onModel?.({ ...at, index: done });
  };
  // A person's models train side by side on the pool's threads (the ensemble last, alone: it reads its
  // members' stored origins). The first model runs alone when the symbol has no stored volatility fits yet:
  // it makes them, and the others reuse them. Background work (and a run with one thread) trains one model
  // at a time, in order, yielding at each boundary.
  if (parallel <= 1 || laneNow() === "background") {
    for (const [i, model] of names.entries()) await runModel(model, i);
  } else {
    const order = names.map((model, i) => ({ model, i }));
    let rest = order.filter((x) => x.model !== "ensemble");
    if (rest.length > 1 && !(await step.run(`vol-ready-${plan.symbol}`, () => hasStoredVolatility({ symbol: plan.symbol })))) {
      await runModel(rest[0].model, rest[0].i);
      rest = rest.slice(1);
    }
    // Longest first, so the threads finish together.
    rest.sort((a, b) => expectedStepMs({ model: b.model, bars: ready.bars }) - expectedStepMs({ model: a.model, bars: ready.bars }));
    await runAtMost(rest, () => parallel, (x) => runModel(x.model, x.i));
    for (const x of order.filter((o) => o.model === "ensemble")) await runModel(x.model, x.i);
  }
  const trainedTo = await step.run(`finish-${plan.symbol}`, async () => finishTraining(await loadHistory({ symbol: plan.symbol })));
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
