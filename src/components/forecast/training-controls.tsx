"use client";
// The one "Train models" button and training progress (with cancel) that the stock page and /predict share:
// a visit never trains, a person asks, then sees the job's real progress and can cancel it.
import type { ForecastState } from "./use-forecast";

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

export function TrainingProgress({ symbol, job, onCancel }: { symbol: string; job: Extract<ForecastState, { state: "running" }>; onCancel: () => void }) {
  const pct = Math.round(job.progress * 100);
  return (
    <div className="mt-3" data-testid="forecast-progress">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Training the models for {symbol}: each is backtested on held-out history, then fitted.</p>
      <div className="mt-2 h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className="h-full bg-sky-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
        {pct}% · {job.message ? job.message.charAt(0).toUpperCase() + job.message.slice(1) : job.status === "queued" ? "Waiting for a worker" : "Starting"}
      </p>
      <button type="button" onClick={onCancel} className="mt-2 rounded border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700">
        Cancel training
      </button>
    </div>
  );
}

/** A failed request or job, with a retry. */
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

/** The untrained note both pages show above the button. */
export const untrainedNote = (symbol: string) =>
  `No model is trained for ${symbol} yet. Training backtests every model on held-out history first, so it takes a while; it runs in the background.`;
