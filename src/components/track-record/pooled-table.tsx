// The track record's pooled figures per model and horizon, in words a reader can check against the promise:
// how often the actual close fell inside the 80% and 95% ranges, the range score, and the error beside the
// last-close forecast's. On a phone the model, count, 95% and error columns fit without scrolling.
import type { PooledFigures } from "@/server/ledger";
import { modelLabel } from "@/components/forecast/model-labels";

export const HORIZON_WORDS: Record<number, string> = { 1: "1 trading day", 2: "2 trading days", 5: "1 week" };
const pct = (x: number | null, d = 0) => (x === null ? "–" : `${(x * 100).toFixed(d)}%`);
const num = (x: number | null, d = 2) => (x === null ? "–" : x.toFixed(d));

function errorWords(r: number | null): string {
  if (r === null) return "–";
  if (Math.abs(r - 1) < 0.005) return "same as last close";
  return r < 1 ? `${((1 - r) * 100).toFixed(0)}% smaller` : `${((r - 1) * 100).toFixed(0)}% larger`;
}

export function PooledTable({ rows }: { rows: PooledFigures[] }) {
  const th = "px-2 py-2 text-left text-xs font-medium text-zinc-600 dark:text-zinc-400";
  const td = "px-2 py-2 tabular-nums align-top";
  const wide = "hidden sm:table-cell";
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="track-record-summary">
        <caption className="sr-only">Scored forecasts pooled per model and horizon</caption>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Model and horizon</th>
            <th scope="col" className={th}>Scored</th>
            <th scope="col" className={`${th} ${wide}`} title="Share of actual closes inside the 80% range (it should be near 80%)">Inside 80% range</th>
            <th scope="col" className={th} title="Share of actual closes inside the 95% range (it should be near 95%)">Inside 95% range</th>
            <th scope="col" className={`${th} ${wide}`} title="Width of the 95% range plus 40 times how far the close fell outside it, in % of the price; lower is better">Range score</th>
            <th scope="col" className={`${th} hidden md:table-cell`} title="Continuous ranked probability score of the whole forecast distribution, in % of the price; lower is better">CRPS</th>
            <th scope="col" className={th} title="Mean absolute error beside the error of simply repeating the last close">Error vs last close</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.model}-${r.horizon}`} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60" data-testid="track-record-row" data-model={r.model} data-horizon={r.horizon}>
              <th scope="row" className="px-2 py-2 text-left align-top font-medium">
                {modelLabel(r.model)}
                <span className="block text-xs font-normal text-zinc-600 dark:text-zinc-400">{HORIZON_WORDS[r.horizon] ?? `${r.horizon} trading days`}</span>
              </th>
              <td className={td}>
                {r.n}
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {r.firstTarget === r.lastTarget ? r.firstTarget : `${r.firstTarget} to ${r.lastTarget}`}
                </span>
              </td>
              <td className={`${td} ${wide}`}>{pct(r.coverage80)}</td>
              <td className={td}>{pct(r.coverage95)}</td>
              <td className={`${td} ${wide}`}>{r.winkler95 === null ? "–" : `${num(r.winkler95)}%`}</td>
              <td className={`${td} hidden md:table-cell`}>{r.crps === null ? "–" : `${num(r.crps, 3)}%`}</td>
              <td className={td}>
                {num(r.mae)}%<span className="block text-xs text-zinc-600 dark:text-zinc-400">{errorWords(r.maeRatio)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
