"use client";
// An untrained symbol on /predict: its calibrated baseline at once (GET answers with it and starts nothing),
// the stock page's train button and progress (shared controls) above it; asking requests the full model set,
// the models join the table as each finishes, and the page reloads its server-rendered figures when all are in.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { HorizonKey } from "@/server/forecast/vocabulary";
import { ForecastHeadline } from "@/components/forecast/forecast-headline";
import { ForecastTable } from "@/components/forecast/forecast-table";
import { ForecastFailed, TrainButton, TrainingProgress, untrainedNote } from "@/components/forecast/training-controls";
import { useForecast } from "@/components/forecast/use-forecast";

/** `queued`: someone already asked (a job is running), so the progress shows straight away. */
export function TrainForecast({ symbol, horizon, queued = false, estimateSec = null }: { symbol: string; horizon: HorizonKey; queued?: boolean; estimateSec?: number | null }) {
  const f = useForecast(symbol);
  const router = useRouter();
  const askedHere = useRef(false);
  const [asked, setAsked] = useState(queued);
  const ready = f.state === "ready" ? f : null;
  const stage = ready?.result.stage ?? null;
  useEffect(() => {
    if (stage === "complete" && !ready?.training) router.refresh();
  }, [stage, ready?.training, router]);
  const ask = () => {
    askedHere.current = true;
    setAsked(true);
    void f.ask();
  };
  const problem = ready?.refused ?? (ready?.ended?.kind === "failed" ? ready.ended.message : null);
  // Between the click and the job's first answer the progress shows at 0 (no second click on a vanished button).
  const waiting = asked && stage !== "complete" && !ready?.ended && !problem;
  const job = ready?.training ?? (waiting ? { progress: 0, message: null, status: "queued", jobId: "" } : null);
  return (
    <div className="flex flex-col gap-3" data-testid="train-forecast" data-stage={stage ?? f.state}>
      {job ? (
        <div data-testid="train-progress">
          <TrainingProgress symbol={symbol} job={job} onCancel={() => void f.cancel()} focusOnShow={askedHere.current} />
        </div>
      ) : stage !== "complete" ? (
        <TrainButton symbol={symbol} estimateSec={estimateSec} onClick={ask} note={ready?.ended?.kind === "cancelled" ? "Training was cancelled." : untrainedNote(symbol, stage === "partial" ? "partial" : "baseline")} />
      ) : null}
      {problem && (
        <p className="text-sm text-amber-800 dark:text-amber-300" role="alert">
          {problem}
          {ready?.refused ? " The baseline forecast below stays available." : ""}
        </p>
      )}
      {f.state === "loading" ? (
        <div className="h-24 animate-pulse rounded-lg bg-zinc-200/70 dark:bg-zinc-800/70" role="status" aria-label={`Loading the baseline forecast for ${symbol}`} />
      ) : f.state === "error" ? (
        <ForecastFailed message={f.message} onRetry={f.retry} />
      ) : (
        <>
          <ForecastHeadline result={f.result} />
          <ForecastTable result={f.result} horizon={horizon} open />
        </>
      )}
    </div>
  );
}
