// One symbol on /predict: its served forecast with every model's measured scores side by side, and the
// history of served forecasts against what happened.
import Link from "next/link";
import { type HorizonKey, HORIZONS } from "@/server/forecast/vocabulary";
import type { PredictionHistory, SymbolForecast } from "@/server/predictions";
import { ForecastHeadline } from "@/components/forecast/forecast-headline";
import { ForecastTable } from "@/components/forecast/forecast-table";
import { forecastSummary, referenceModel } from "@/components/forecast/forecast-summary";
import { modelLabel } from "@/components/forecast/model-labels";
import { formatAsOf, formatPrice, sourceLabel } from "@/components/lib/format";
import { HistoryChart } from "./history-chart";
import { TrainForecast } from "./train-forecast";

const box = "rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/40";
const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(0)}%`);

interface Props {
  entry: SymbolForecast;
  horizon: HorizonKey;
  history: PredictionHistory | null;
  closes: { date: string; price: number }[];
  /** Typical training time measured on this server, for the train button. */
  estimateSec?: number | null;
}

export function PredictCard({ entry, horizon, history, closes, estimateSec = null }: Props) {
  return (
    <section className={box} data-testid="predict-card" data-symbol={entry.symbol} data-status={entry.status} aria-labelledby={`predict-${entry.symbol}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`predict-${entry.symbol}`} className="text-lg font-semibold tracking-tight">
          <Link href={`/stock/${entry.symbol}`} className="hover:underline">
            {entry.symbol}
          </Link>
        </h2>
        {entry.status === "ready" && (
          <span className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="predict-provenance">
            From the close of {formatAsOf(entry.asOf)} ({formatPrice(entry.lastClose)}) · {sourceLabel(entry.source)}
            {entry.historical ? " · historical data, not live" : ""}
          </span>
        )}
      </div>
      <div className="mt-3 flex flex-col gap-3">
        {entry.status === "untrained" || entry.status === "queued" ? (
          <TrainForecast symbol={entry.symbol} horizon={horizon} queued={entry.status === "queued"} estimateSec={estimateSec} />
        ) : entry.status === "error" ? (
          <p className="text-sm text-rose-700 dark:text-rose-400" role="alert">
            {entry.error.message}
          </p>
        ) : (
          <Ready entry={entry} horizon={horizon} history={history} closes={closes} />
        )}
      </div>
    </section>
  );
}

function Ready({ entry, horizon, history, closes }: Props & { entry: Extract<SymbolForecast, { status: "ready" }> }) {
  const result = { ...entry, baseline: entry.baseline };
  const ref = referenceModel(result);
  const steps = HORIZONS[horizon];
  const rows = (history?.rows ?? []).filter((r) => r.model === ref?.name && r.horizon === steps);
  const summary = history?.summary.filter((s) => s.horizon === steps) ?? [];
  return (
    <>
      <ForecastHeadline result={result} />
      <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200" data-testid="forecast-summary">
        {forecastSummary(result, horizon)}
      </p>
      <ForecastTable result={result} horizon={horizon} open />
      <div data-testid="predict-history">
        <h3 className="text-sm font-semibold">Served forecasts against what happened</h3>
        {summary.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">No forecast at this horizon has been served for {entry.symbol} in this window yet.</p>
        ) : (
          <>
            {ref && <HistoryChart closes={closes} rows={rows} label={`${modelLabel(ref.name)} forecasts for ${entry.symbol} with 80% and 95% bands, against the close`} />}
            <table className="mt-2 w-full text-sm" data-testid="history-summary">
              <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th className="py-1 pr-2 font-medium">Model</th>
                  <th className="py-1 pr-2 font-medium">Forecasts (known)</th>
                  <th className="py-1 pr-2 font-medium">Error</th>
                  <th className="py-1 pr-2 font-medium">80% held</th>
                  <th className="py-1 font-medium">95% held</th>
                </tr>
              </thead>
              <tbody>
                {summary.map((s) => (
                  <tr key={s.model} data-model={s.model} className="tabular-nums">
                    <td className="py-1 pr-2">{modelLabel(s.model)}</td>
                    <td className="py-1 pr-2">
                      {s.count} ({s.filled})
                    </td>
                    <td className="py-1 pr-2">{s.maePercent === null ? "–" : `${s.maePercent.toFixed(2)}%`}</td>
                    <td className="py-1 pr-2">{pct(s.hit80)}</td>
                    <td className="py-1">{pct(s.hit95)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {summary.every((s) => s.filled === 0) && (
              <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400" data-testid="history-pending">
                None of these forecasts has reached its target session yet{entry.historical ? " (the historical data set ends on its as-of date, so no later close will arrive)" : ""}.
              </p>
            )}
          </>
        )}
      </div>
    </>
  );
}
