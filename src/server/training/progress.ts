// Job progress while models train: maps a model's stage onto a span of the job's progress bar, and says in
// words what is happening, with an estimate from measured steps (estimates.ts).
import type { RunningTask } from "@/lib/workers/pool";
import { MODEL_LABELS } from "@/server/forecast/model-list";
import type { ModelName } from "@/server/forecast/vocabulary";
import { aboutSec, expectedStepMs } from "./estimates";
import type { TrainProgress } from "./train-symbol";

const STAGE_FRACTION = { backtest: 0, fit: 0.8, done: 1 } as const;

/**
 * The k of "training model k of N": the models of the job finished so far, plus one. Models that train side by
 * side share it, and it only grows as they finish (in the order they finish, not the order of the plan), so the
 * text never counts back; "Random Forest ready (k of N)" names the same count once the model is in.
 */
export const modelNumber = ({ finished, total }: { finished: number; total: number }): number => Math.max(1, Math.min(finished + 1, total));

/** Maps a model's training stage onto [from, to] of the job's progress bar. */
export function trainingProgress(
  p: TrainProgress,
  {
    from,
    to,
    names,
    bars,
    pending,
    parallel = 1,
  }: {
    from: number;
    to: number;
    names?: readonly ModelName[];
    bars?: number;
    /** The other models not finished yet (models train side by side): else the ones after this one. */
    pending?: readonly ModelName[];
    /** Models training at once: what is left is shared among them. */
    parallel?: number;
  },
): { value: number; message: string } {
  const frac = (p.index - 1 + STAGE_FRACTION[p.stage]) / p.total;
  const label = MODEL_LABELS[p.model] ?? p.model;
  // What is left: this model's share not done yet, and the models after it (measured steps, else the prior).
  const left =
    names && bars
      ? ((1 - STAGE_FRACTION[p.stage]) * expectedStepMs({ model: p.model, bars }) +
          (pending ?? names.slice(p.index)).filter((m) => m !== p.model).reduce((s, m) => s + expectedStepMs({ model: m, bars }), 0)) /
        Math.max(1, Math.min(parallel, (pending?.length ?? 0) + 1))
      : null;
  const tail = p.stage === "done" ? "done" : left !== null ? `about ${aboutSec(left)} s left` : p.stage === "backtest" ? "walk-forward backtest" : "final fit";
  return { value: from + (to - from) * frac, message: `training model ${p.index} of ${p.total}: ${label} (${tail})` };
}

/**
 * "waiting for background training of AAPL (about 12 s), then yours": what holds the training threads. `own`
 * is this job's symbol and lane: a thread held by the same job's other model (models train side by side) is
 * named as that, not as someone else's training. A task past its estimate is not promised "about 1 s": the
 * text says it takes longer than expected (and that the machine is busy, when `busy`), with a wait re-estimated
 * from its time so far (overrunWaitMs). The caller says it again while the wait lasts (lanes.ts refreshes it).
 */
export function waitingMessage(
  holding: readonly RunningTask[],
  now = Date.now(),
  own?: { symbol: string; lane: RunningTask["lane"] },
  busy = false,
): string {
  if (holding.length === 0) return "waiting for a training thread";
  // The first thread to free up decides the wait.
  const first = [...holding].sort((a, b) => remaining(a, now) - remaining(b, now))[0];
  const about = waitText(first, now, busy);
  if (own && first.lane === own.lane && first.subject?.toUpperCase() === own.symbol.toUpperCase()) {
    const names = (first.what ?? "").split(",").filter(Boolean).map((m) => MODEL_LABELS[m as ModelName] ?? m);
    return `waiting for this training's ${names.length ? names.join(", ") : "other model"} to finish (${about}), then the next model`;
  }
  const whose = first.lane === "background" ? "background training" : "another person's training";
  return `waiting for ${whose}${first.subject ? ` of ${first.subject}` : ""} (${about}), then yours`;
}

/**
 * The wait left for a task that has run `elapsedMs`, past its estimate: a quarter of its time so far, at least
 * 2 s. A task that overran is slower than measured (a loaded machine, a first-start prior): the longer it has
 * run, the longer it is likely still to run, so the estimate grows with the time so far instead of staying at
 * its floor.
 */
export const overrunWaitMs = (elapsedMs: number): number => Math.max(2000, elapsedMs / 4);

const overran = (t: RunningTask, now: number) => t.expectMs === undefined || now - t.startedAt >= t.expectMs;

function remaining(t: RunningTask, now: number): number {
  const elapsed = Math.max(0, now - t.startedAt);
  return overran(t, now) ? overrunWaitMs(elapsed) : Math.max(1000, t.expectMs! - elapsed);
}

function waitText(t: RunningTask, now: number, busy: boolean): string {
  const left = `about ${aboutSec(remaining(t, now))} s`;
  if (!overran(t, now)) return left;
  const why = t.expectMs === undefined ? "no estimate" : `taking longer than expected${busy ? ", the machine is busy" : ""}`;
  return `${why}: ${left} more`;
}
