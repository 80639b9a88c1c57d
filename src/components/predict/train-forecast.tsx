"use client";
// An untrained symbol on /predict: the stock page's train button and progress (shared controls); asking
// requests the full model set (its baseline is trained on the way), and the page reloads its
// server-rendered figures when the models are ready.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ForecastFailed, TrainButton, TrainingProgress, untrainedNote } from "@/components/forecast/training-controls";
import { useForecast } from "@/components/forecast/use-forecast";

function Asked({ symbol, estimateSec, ask }: { symbol: string; estimateSec: number | null; ask: boolean }) {
  const f = useForecast(symbol);
  const router = useRouter();
  const asked = useRef(false);
  const ready = f.state === "ready";
  const training = f.state === "ready" ? f.training : null;
  const stage = f.state === "ready" ? f.result.stage : null;
  useEffect(() => {
    // Once the baseline answered: ask for the models unless a job already trains them.
    if (!ready || asked.current) return;
    asked.current = true;
    if (ask && !training && stage !== "complete") void f.ask();
  }, [ready, training, stage, ask, f]);
  useEffect(() => {
    if (stage === "complete" && !training) router.refresh();
  }, [stage, training, router]);
  if (f.state === "error") return <ForecastFailed message={f.message} onRetry={f.retry} />;
  if (f.state === "ready" && !f.training && f.ended?.kind === "cancelled") return <TrainButton symbol={symbol} estimateSec={estimateSec} onClick={() => void f.ask()} note="Training was cancelled." />;
  if (f.state === "ready" && f.refused) return <p className="text-sm text-amber-800 dark:text-amber-300" role="alert">{f.refused} The baseline forecast is on the stock page.</p>;
  const job = f.state === "ready" && f.training ? f.training : { progress: stage === "complete" ? 1 : 0, message: stage === "complete" ? "done" : null, status: "queued", jobId: "" };
  return (
    <div data-testid="train-progress">
      <TrainingProgress symbol={symbol} job={job} onCancel={() => void f.cancel()} focusOnShow={ask} />
    </div>
  );
}

/** `queued`: someone already asked (a job is running), so the progress shows straight away. */
export function TrainForecast({ symbol, queued = false, estimateSec = null }: { symbol: string; queued?: boolean; estimateSec?: number | null }) {
  const [asked, setAsked] = useState(queued);
  return (
    <div className="flex flex-col gap-2" data-testid="train-forecast">
      {asked ? (
        <Asked symbol={symbol} estimateSec={estimateSec} ask={!queued} />
      ) : (
        <TrainButton symbol={symbol} estimateSec={estimateSec} onClick={() => setAsked(true)} note={untrainedNote(symbol, "baseline")} />
      )}
    </div>
  );
}
