// Job progress while models train: the training step is one long step, so progress inside it is
// written straight to the Job row rather than through step-wrapped progress calls.
import { getDb } from "@/lib/db";
import { createJobStore, type JobStore } from "@/server/jobs/store";
import type { TrainProgress } from "./train-symbol";

const STAGE_FRACTION = { backtest: 0, fit: 0.8, done: 1 } as const;

/** Maps a model's training stage onto [from, to] of the job's progress bar. */
export function trainingProgress(p: TrainProgress, { from, to }: { from: number; to: number }): { value: number; message: string } {
  const frac = (p.index - 1 + STAGE_FRACTION[p.stage]) / p.total;
  const verb = p.stage === "backtest" ? "walk-forward backtest" : p.stage === "fit" ? "final fit" : "done";
  return { value: from + (to - from) * frac, message: `training model ${p.index} of ${p.total} (${p.model}: ${verb})` };
}

/** A direct writer to the Job row, for use inside a step (the in-process runner passes its own store). */
export function liveProgressWriter({ jobId, jobStore }: { jobId: string; jobStore?: JobStore }) {
  const store = jobStore ?? createJobStore(getDb);
  return ({ value, message }: { value: number; message: string }) => store.progress({ id: jobId, progress: value, message });
}
