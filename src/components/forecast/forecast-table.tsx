// Forecasts of every model at one horizon beside the figures from their walk-forward backtests.
import type { HorizonKey } from "@/server/forecast/types";
import type { PredictionResult } from "@/server/predictions/types";
import { formatPrice, changeTone } from "@/components/lib/format";

const pct = (x: number | null | undefined, d = 1) => (x == null ? "–" : `${(x * 100).toFixed(d)}%`);
const fixed = (x: number | null | undefined, d = 3) => (x == null ? "–" : x.toFixed(d));
const pValue = (p: number | null | undefined) => (p == null ? "" : p < 0.001 ? "p<0.001" : `p=${p.toFixed(3)}`);

export function ForecastTable({ result, horizon }: { result: PredictionResult; horizon: HorizonKey }) {
  const th = "px-2 py-2 text-left text-xs font-medium text-zinc-500 dark:text-zinc-400";
  const td = "px-2 py-2 tabular-nums";
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[720px] text-sm" data-testid="forecast-table" data-horizon={horizon}>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th className={th}>Model</th>
            <th className={th}>Forecast</th>
            <th className={th}>95% interval</th>
            <th className={th} title="Mean absolute error on held-out origins, and its ratio to the naive forecast's MAE on the same origins (below 1 beats naive)">
              MAE (vs naive)
            </th>
            <th className={th} title="Share of held-out origins where the forecast direction was right, with its one-sided binomial p-value">
              Direction
            </th>
            <th className={th} title="Share of held-out outcomes that fell inside the 95% interval">
              95% coverage
            </th>
            <th className={th}>Origins</th>
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
                <td className="px-2 py-2">
                  <span className="font-medium">{m.label}</span>
                  {baseline && <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200">baseline</span>}
                </td>
                <td className={td} data-testid="forecast-price">
                  {formatPrice(h.price)}{" "}
                  <span className={`text-xs ${changeTone(h.change)}`}>
                    ({h.changePercent >= 0 ? "+" : ""}
                    {h.changePercent.toFixed(2)}%)
                  </span>
                </td>
                <td className={td} data-testid="forecast-interval95">{h.intervals ? `${formatPrice(h.intervals["95"][0])} – ${formatPrice(h.intervals["95"][1])}` : "not calibrated"}</td>
                <td className={td} data-testid="forecast-mae">
                  {b?.mae != null ? formatPrice(b.mae) : "–"} <span className="text-xs text-zinc-500">({b?.maeRatio != null ? `${fixed(b.maeRatio)}×` : "–"})</span>
                </td>
                <td className={td}>
                  {baseline ? <span className="text-zinc-500">n/a</span> : pct(b?.directionAccuracy)} <span className="text-xs text-zinc-500">{baseline ? "" : pValue(b?.directionPValue)}</span>
                </td>
                <td className={td} data-testid="forecast-coverage95">{pct(b?.coverage95)}</td>
                <td className={td} data-testid="forecast-origins">{b?.origins ?? "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
