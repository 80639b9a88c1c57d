"use client";
// An untrained symbol on /predict: a person asks for training, sees the job's real progress, and the page
// reloads its server-rendered figures when the forecast is ready.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForecast } from "@/components/forecast/use-forecast";

function Running({ symbol }: { symbol: string }) {
  const f = useForecast(symbol);
  const router = useRouter();
  useEffect(() => {
    if (f.state === "ready") router.refresh();
  }, [f.state, router]);
  if (f.state === "error") return <p className="text-sm text-rose-700 dark:text-rose-400" role="alert">{f.message}</p>;
  const pct = f.state === "running" ? Math.round(f.progress * 100) : f.state === "ready" ? 100 : 0;
  const message = f.state === "running" ? f.message : f.state === "ready" ? "done" : "starting";
  return (
    <div data-testid="train-progress">
      <div className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className="h-full bg-sky-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-zinc-500">
        {pct}% · {message ? message.charAt(0).toUpperCase() + message.slice(1) : "Waiting for a worker"}
      </p>
    </div>
  );
}

export function TrainForecast({ symbol }: { symbol: string }) {
  const [asked, setAsked] = useState(false);
  return (
    <div className="flex flex-col gap-2" data-testid="train-forecast">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">No model is trained for {symbol} yet. Training backtests every model on the past two years first, which takes a while.</p>
      {asked ? (
        <Running symbol={symbol} />
      ) : (
        <button type="button" onClick={() => setAsked(true)} className="self-start rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
          Train models for {symbol}
        </button>
      )}
    </div>
  );
}
