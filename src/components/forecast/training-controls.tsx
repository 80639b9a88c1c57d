"use client";
// The "Train models" offer and the training progress (with cancel) that the stock page and /predict share:
// the baseline forecast shows at once, a person asks for the other models, then sees the job's real progress
// in words ("Waiting for background training of AAPL (about 12 s), then yours", "Training model 3 of 8:
// Random Forest (about 14 s left)"), announced to screen readers, and can cancel it.
import { useEffect, useRef } from "react";
import type { TrainingJob } from "./use-forecast";

export function TrainButton({ symbol, estimateSec, onClick, note }: { symbol: string; estimateSec: number | null; onClick: () => void; note: string }) {
  return (
    <div className="mt-2 flex flex-col items-start gap-2" data-testid="forecast-untrained">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{note}</p>
      <button type="button" onClick={onClick} className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
        Train models for {symbol}
        {estimateSec !== null ? ` (about ${estimateSec} s)` : ""}
      </button>
    </div>
  );
}

/** The job's message as a sentence ("training model 3 of 8: …" -> "Training model 3 of 8: …"). */
export function progressText(job: TrainingJob): string {
  if (job.message) return job.message.charAt(0).toUpperCase() + job.message.slice(1);
  return job.status === "queued" ? "Waiting for a training thread" : "Starting";
}

/**
 * `focusOnShow`: the person just asked, so focus moves here (the button they pressed is gone); a page opened
 * while the symbol trains does not move focus.
 */
export function TrainingProgress({ symbol, job, onCancel, focusOnShow = false }: { symbol: string; job: TrainingJob; onCancel: () => void; focusOnShow?: boolean }) {
  const pct = Math.round(job.progress * 100);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnShow) box.current?.focus();
  }, [focusOnShow]);
  return (
    <div className="mt-3 outline-none" data-testid="forecast-progress" ref={box} tabIndex={-1} aria-labelledby="training-progress-label">
      <p id="training-progress-label" className="text-sm text-zinc-600 dark:text-zinc-400">
        Training the models for {symbol}: each is backtested on held-out history, then fitted, and appears below when it is done.
      </p>
      <div
        className="mt-2 h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
        role="progressbar"
        aria-label={`Training progress for ${symbol}`}
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuetext={`${pct}%: ${progressText(job)}`}
      >
        <div className="h-full bg-sky-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      {/* Polite: read when the reader pauses, every time the step changes. */}
      <p className="mt-1 text-xs tabular-nums text-zinc-500 dark:text-zinc-400" role="status" aria-live="polite" data-testid="forecast-progress-text">
        {pct}% · {progressText(job)}
      </p>
      <button type="button" onClick={onCancel} className="mt-2 rounded border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700">
        Cancel training
      </button>
    </div>
  );
}

/** A failed request, with a retry. */
export function ForecastFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="mt-2 text-sm text-red-700 dark:text-red-400" role="alert">
      {message}{" "}
      <button type="button" onClick={onRetry} className="ml-2 rounded border border-current px-2 py-0.5 text-xs">
        Try again
      </button>
    </div>
  );
}

/** The note above the button while only the baseline (or part of the models) is trained. */
export const untrainedNote = (symbol: string, stage: "baseline" | "partial") =>
  stage === "baseline"
    ? `Below is the calibrated baseline for ${symbol}: the last close and its drift, with volatility ranges measured on held-out days. The other models backtest every day of held-out history first, so they take a while; they train in the background and appear as each is done.`
    : `Some models for ${symbol} are not trained yet. They train in the background and appear as each is done.`;
