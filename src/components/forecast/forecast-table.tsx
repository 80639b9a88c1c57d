// "How the models compare": forecasts of every model at one horizon beside the figures from their walk-forward
// backtests, behind a disclosure (the headline sentence is what most readers need). On a phone the key
// columns (model, forecast with its 95% range, error, coverage) fit without scrolling.
import type { HorizonKey } from "@/server/forecast/vocabulary";
import type { HorizonPrediction, PredictionResult } from "@/server/predictions";
import { formatPrice, changeTone } from "@/components/lib/format";
import { modelLabel } from "./model-labels";
import { lowestScore, SCORE_EXPLANATION, scoreCell } from "./interval-score";

const pct = (x: number | null | undefined, d = 1) => (x == null ? "–" : `${(x * 100).toFixed(d)}%`);
const fixed = (x: number | null | undefined, d = 3) => (x == null ? "–" : x.toFixed(d));
const pValue = (p: number | null | undefined) => (p == null ? "no p-value" : p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);
const range = (iv: [number, number]) => `${formatPrice(iv[0])} – ${formatPrice(iv[1])}`;

export function ForecastTable({ result, horizon, open = false }: { result: PredictionResult; horizon: HorizonKey; open?: boolean }) {
  return (
    <details className="group rounded-lg border border-zinc-200 dark:border-zinc-800" data-testid="model-comparison" open={open}>
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium">How the models compare ({result.models.length} models, backtest figures)</summary>
      <div className="border-t border-zinc-200 p-2 dark:border-zinc-800">
        <Table result={result} horizon={horizon} />
      </div>
    </details>
  );
}

function Table({ result, horizon }: { result: PredictionResult; horizon: HorizonKey }) {
  const th = "px-2 py-2 text-left text-xs font-medium text-zinc-600 dark:text-zinc-400";
  const td = "px-2 py-2 tabular-nums align-top";
  const wide = "hidden sm:table-cell";
  const lowest = lowestScore(result, horizon);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="forecast-table" data-horizon={horizon}>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th className={th}>Model</th>
            <th className={th}>Forecast</th>
            <th className={`${th} ${wide}`}>95% range</th>
            <th className={th} title="Mean absolute error on held-out days in % of the price, and its ratio to the last-close forecast's error on the same days (below 1 beats it)">
              Typical error <span className="font-normal">(× last close&rsquo;s)</span>
            </th>
            <th className={`${th} hidden md:table-cell`} title="When the model called up or down: how often it was right, and on what share of held-out days it made a call at all">
              Up/down right
            </th>
            <th className={th} title="Share of held-out outcomes that fell inside the 95% range">
              95% range held
            </th>
            <th className={`${th} ${wide}`} title={SCORE_EXPLANATION}>
              Range score
            </th>
            <th className={`${th} ${wide}`} title="Held-out days the figures are measured on">
              Days tested
            </th>
          </tr>
        </thead>
        <tbody>
          {result.models.map((m) => {
            const h = m.horizons[horizon];
            if (!h) return null;
            const b = h.backtest;
            const baseline = m.name === result.baseline;
            return (
              <tr key={m.name} className={`border-b border-zinc-100 last:border-0 dark:border-zinc-800/60 ${baseline ? "bg-zinc-50 dark:bg-zinc-900/60" : ""}`} data-model={m.name} data-testid="forecast-row">
                <td className="px-2 py-2 align-top">
                  <span className="font-medium">{modelLabel(m.name)}</span>
                  {baseline && <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200">baseline</span>}
                </td>
                <td className={td}>
                  <span data-testid="forecast-price">
                    {formatPrice(h.price)}{" "}
                    <span className={`text-xs ${changeTone(h.change)}`}>
                      ({h.changePercent >= 0 ? "+" : ""}
                      {h.changePercent.toFixed(2)}%)
                    </span>
                  </span>
                  {h.intervals && <span className="block text-xs text-zinc-600 sm:hidden dark:text-zinc-400">95%: {range(h.intervals["95"])}</span>}
                </td>
                <td className={`${td} ${wide}`} data-testid="forecast-interval95">
                  {h.intervals ? range(h.intervals["95"]) : "not calibrated"}
                </td>
                <td className={td} data-testid="forecast-mae">
                  {b?.mape != null ? `${b.mape.toFixed(2)}%` : "–"} <span className="text-xs text-zinc-600 dark:text-zinc-400">({b?.maeRatio != null ? `${fixed(b.maeRatio)}×` : "–"})</span>
                </td>
                <td className={`${td} hidden md:table-cell`} data-testid="forecast-direction">
                  <Direction backtest={b} baseline={baseline} />
                </td>
                <td className={td} data-testid="forecast-coverage95">
                  {pct(b?.coverage95)}
                </td>
                <td className={`${td} ${wide}`} data-testid="forecast-winkler95">
                  <RangeScore backtest={b} lowest={lowest.includes(m.name)} />
                </td>
                <td className={`${td} ${wide}`} data-testid="forecast-origins">
                  {b?.origins ?? "–"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-2 hidden text-xs text-zinc-500 sm:block dark:text-zinc-400" data-testid="forecast-score-note">
        {SCORE_EXPLANATION}
      </p>
    </div>
  );
}

/** Hit rate among the calls made, and how often a call was made: an abstaining model must not look wrong. */
function Direction({ backtest: b, baseline }: { backtest: HorizonPrediction["backtest"]; baseline: boolean }) {
  if (baseline) return <span className="text-zinc-600 dark:text-zinc-400">makes no call</span>;
  if (b?.callRate == null) return <>–</>;
  if (b.callRate === 0) return <span className="text-zinc-600 dark:text-zinc-400">never called</span>;
  const title = `Right on ${pct(b.directionHitRate)} of the ${pct(b.callRate, 0)} of days it called; always calling "up" was right on ${pct(b.directionBaseline)} of days (one-sided test against always-up: ${pValue(b.directionPValue)})`;
  return (
    <span title={title}>
      <span data-testid="direction-hit-rate">{pct(b.directionHitRate)}</span>
      <span className="block text-xs text-zinc-600 dark:text-zinc-400" data-testid="direction-call-rate">
        {b.callRate < 0.5 ? `mostly abstains: called ${pct(b.callRate, 0)} of days` : `called ${pct(b.callRate, 0)} of days`}
      </span>
    </span>
  );
}

function RangeScore({ backtest, lowest }: { backtest: Parameters<typeof scoreCell>[0]; lowest: boolean }) {
  const cell = scoreCell(backtest);
  return (
    <>
      <span data-testid="forecast-score">{cell.score}</span>
      {lowest && <span className="ml-1 rounded bg-emerald-100 px-1 py-0.5 text-xs text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200">lowest</span>}
      {cell.width && (
        <span className="block text-xs text-zinc-600 dark:text-zinc-400" data-testid="forecast-width95">
          {cell.width}
        </span>
      )}
    </>
  );
}
