"use client";
// An untrained symbol on /predict: the stock page's train button and progress (shared controls); the page
// reloads its server-rendered figures when the forecast is ready.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ForecastFailed, TrainButton, TrainingProgress, untrainedNote } from "@/components/forecast/training-controls";
import { useForecast } from "@/components/forecast/use-forecast";

function Asked({ symbol, estimateSec }: { symbol: string; estimateSec: number | null }) {
  const f = useForecast(symbol);
  const router = useRouter();
  useEffect(() => {
    if (f.state === "ready") router.refresh();
  }, [f.state, router]);
  if (f.state === "error") return <ForecastFailed message={f.message} onRetry={f.retry} />;
  if (f.state === "cancelled") return <TrainButton symbol={symbol} estimateSec={estimateSec} onClick={f.retry} note={f.left ? "You stopped waiting; the training goes on for whoever started it." : "Training was cancelled."} />;
  const job = f.state === "running" ? f : { state: "running" as const, progress: f.state === "ready" ? 1 : 0, message: f.state === "ready" ? "done" : null, status: "queued", jobId: "" };
  return (
    <div data-testid="train-progress">
      <TrainingProgress symbol={symbol} job={job} onCancel={() => void f.cancel()} />
    </div>
  );
}

/** `queued`: someone already asked (a job is running), so the progress shows straight away. */
export function TrainForecast({ symbol, queued = false, estimateSec = null }: { symbol: string; queued?: boolean; estimateSec?: number | null }) {
  const [asked, setAsked] = useState(queued);
  return (
    <div className="flex flex-col gap-2" data-testid="train-forecast">
      {asked ? <Asked symbol={symbol} estimateSec={estimateSec} /> : <TrainButton symbol={symbol} estimateSec={estimateSec} onClick={() => setAsked(true)} note={untrainedNote(symbol)} />}
    </div>
  );
}
