// Job progress while models train: maps a model's stage onto a span of the job's progress bar.
import type { TrainProgress } from "./train-symbol";

const STAGE_FRACTION = { backtest: 0, fit: 0.8, done: 1 } as const;

/** Maps a model's training stage onto [from, to] of the job's progress bar. */
export function trainingProgress(p: TrainProgress, { from, to }: { from: number; to: number }): { value: number; message: string } {
  const frac = (p.index - 1 + STAGE_FRACTION[p.stage]) / p.total;
  const verb = p.stage === "backtest" ? "walk-forward backtest" : p.stage === "fit" ? "final fit" : "done";
  return { value: from + (to - from) * frac, message: `training model ${p.index} of ${p.total} (${p.model}: ${verb})` };
}
