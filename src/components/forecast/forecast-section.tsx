"use client";
// The stock page's forecast panel: sign-in prompt, job progress while models train, then the forecasts of
// every model beside their walk-forward accuracy and the naive baseline.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { HorizonKey } from "@/server/forecast/vocabulary";
import type { PredictionResult } from "@/server/predictions";
import { formatAsOf, formatPrice } from "@/components/lib/format";
import { ForecastFan } from "./forecast-fan";
import { overlayOf, useForecastOverlay } from "./forecast-overlay";
import { headlineModel } from "./headline-lines";
import { usePublishForecast } from "./forecast-result-context";
import { forecastSummary, referenceModel } from "./forecast-summary";
import { ForecastTable } from "./forecast-table";
import { modelLabel } from "./model-labels";
import { ForecastFailed, TrainButton, TrainingProgress, untrainedNote } from "./training-controls";
import { useForecast } from "./use-forecast";

const HORIZON_LABELS: Record<HorizonKey, string> = { "1d": "1 trading day", "2d": "2 trading days", "1w": "1 week (5 trading days)" };
const box = "rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/40";

interface Props {
  symbol: string;
  signedIn: boolean;
  /** Recent daily closes for the fan chart. */
  history: { date: string; price: number }[];
  /** Whether the symbol has trained models (the section asks the API either way: an untrained symbol gets its baseline). */
  trained?: boolean;
  /** Typical training time measured on this server, when known. */
  estimateSec?: number | null;
}

export function ForecastSection({ symbol, signedIn, history, estimateSec = null }: Props) {
  return (
    <section aria-labelledby="forecast-heading" className={box} data-testid="forecast-section">
      <h2 id="forecast-heading" className="text-lg font-semibold tracking-tight">
        Forecast
      </h2>
      {signedIn ? <SignedInForecast symbol={symbol} history={history} estimateSec={estimateSec} /> : <SignInPrompt symbol={symbol} />}
    </section>
  );
}

function SignInPrompt({ symbol }: { symbol: string }) {
  return (
    <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
      <Link href={`/login?callbackUrl=${encodeURIComponent(`/stock/${symbol}`)}`} className="font-medium text-sky-700 underline dark:text-sky-400">
        Sign in to see forecasts
      </Link>{" "}
      from every trained model beside the naive baseline, with their measured accuracy.
    </p>
  );
}

function SignedInForecast({ symbol, history, estimateSec }: { symbol: string; history: Props["history"]; estimateSec: number | null }) {
  const f = useForecast(symbol);
  const [askedHere, setAskedHere] = useState(false);
  const result = useRef<HTMLDivElement>(null);
  // Said once to screen readers when a followed training ends; focus then moves to the result.
  const [announced, setAnnounced] = useState("");
  const wasTraining = useRef(false);
  const training = f.state === "ready" ? f.training : null;
  const stage = f.state === "ready" ? f.result.stage : null;
  const count = f.state === "ready" ? f.result.models.length : 0;
  useEffect(() => {
    if (training) wasTraining.current = true;
    else if (wasTraining.current && stage) {
      wasTraining.current = false;
      setAnnounced(stage === "complete" ? `All ${count} models for ${symbol} are trained; the forecast below shows them.` : `Training for ${symbol} stopped; the forecast below shows ${count} models.`);
      if (askedHere) result.current?.focus();
    }
  }, [training, stage, count, symbol, askedHere]);

  if (f.state === "loading") return <div className="mt-3 h-24 animate-pulse rounded-lg bg-zinc-200/70 dark:bg-zinc-800/70" aria-label="Loading forecast" />;
  if (f.state === "error") return f.status === 401 ? <SignInPrompt symbol={symbol} /> : <ForecastFailed message={f.message} onRetry={f.retry} />;
  const ask = () => {
    setAskedHere(true);
    void f.ask();
  };
  const partial = f.result.stage === "complete" ? null : f.result.stage;
  return (
    <>
      {f.training ? (
        <TrainingProgress symbol={symbol} job={f.training} onCancel={() => void f.cancel()} focusOnShow={askedHere} />
      ) : partial ? (
        <>
          <TrainButton symbol={symbol} estimateSec={estimateSec} onClick={ask} note={f.ended?.kind === "cancelled" ? "Training was cancelled." : f.ended?.kind === "left" ? "You stopped waiting; the training goes on for whoever started it." : untrainedNote(symbol, partial)} />
          {(f.refused ?? (f.ended?.kind === "failed" ? f.ended.message : null)) && (
            <p className="mt-2 text-sm text-amber-800 dark:text-amber-300" role="alert" data-testid="forecast-refused">
              {f.refused ?? (f.ended as { message: string }).message}
              {f.refused ? " The baseline forecast below stays available." : ""}
            </p>
          )}
        </>
      ) : null}
      <p className="sr-only" role="status" aria-live="polite" data-testid="forecast-announcement">
        {announced}
      </p>
      <div ref={result} tabIndex={-1} className="outline-none">
        <ForecastResult result={f.result} history={history} />
      </div>
    </>
  );
}

function ForecastResult({ result, history }: { result: PredictionResult; history: Props["history"] }) {
  const [horizon, setHorizon] = useState<HorizonKey>("1d");
  usePublishForecast(result);
  // Until a model is picked, the chart shows the model behind the headline sentence at this horizon.
  const preferred = headlineModel(result, horizon) ?? referenceModel(result);
  const [modelName, setModelName] = useState<string | undefined>(undefined);
  const model = result.models.find((m) => m.name === modelName) ?? preferred;
  const { setOverlay } = useForecastOverlay();
  useEffect(() => {
    setOverlay(model ? overlayOf({ model, asOf: result.asOf, lastClose: result.lastClose }) : null);
    return () => setOverlay(null);
  }, [model, result.asOf, result.lastClose, setOverlay]);
  const origins = result.models.flatMap((m) => Object.values(m.horizons).map((h) => h?.backtest?.origins ?? 0));
  return (
    <div className="mt-2 flex flex-col gap-3" data-testid="forecast-result" data-as-of={result.asOf} data-stage={result.stage}>
      {result.stage === "baseline" && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="forecast-stage">
          Calibrated baseline: the last close and its drift with volatility ranges, scored on the same held-out days as every model.
        </p>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        From the close of {formatAsOf(result.asOf)} ({formatPrice(result.lastClose)}){result.historical ? ", on the shipped historical data set" : ""}.
      </p>
      <div className="flex flex-wrap items-center gap-2" role="tablist" aria-label="Forecast horizon">
        {(Object.keys(HORIZON_LABELS) as HorizonKey[]).map((h) => (
          <button
            key={h}
            type="button"
            role="tab"
            aria-selected={h === horizon}
            onClick={() => setHorizon(h)}
            className={`rounded-md px-3 py-1 text-sm ${h === horizon ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "bg-zinc-100 text-zinc-700 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-300"}`}
          >
            {HORIZON_LABELS[h]}
          </button>
        ))}
      </div>
      <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200" data-testid="forecast-summary">
        {forecastSummary(result, horizon)}
      </p>
      {model && (
        <div>
          <label className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            Chart:
            <select value={model.name} onChange={(e) => setModelName(e.target.value as typeof model.name)} className="rounded border border-zinc-300 bg-transparent px-1 py-0.5 dark:border-zinc-700">
              {result.models.map((m) => (
                <option key={m.name} value={m.name}>
                  {modelLabel(m.name)}
                </option>
              ))}
            </select>
            forecast with 80% and 95% intervals (also drawn on the price chart)
          </label>
          <ForecastFan history={history} model={model} asOf={result.asOf} horizon={horizon} />
        </div>
      )}
      <ForecastTable result={result} horizon={horizon} />
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="forecast-note">
        Accuracy figures come from walk-forward backtests on held-out data: at each of the last {Math.max(0, ...origins)} trading days the model saw only
        earlier prices. Errors are in % of the price; the ratio compares them with the last-close forecast on the same days (below 1.000× beats it). &ldquo;95% range held&rdquo; is
        the measured share of outcomes inside the 95% range; &ldquo;up/down right&rdquo; counts only the days a model called a direction. Past accuracy does not promise future accuracy; this is not investment advice.
      </p>
    </div>
  );
}
