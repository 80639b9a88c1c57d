// What the portfolio holds now: shares, average cost, last close, value, weight and gains per symbol.
import { cardClass } from "@/components/auth/styles";
import { changeTone, formatPrice } from "@/components/lib/format";
import { formatShare, formatShares, mutedText, type PortfolioView } from "./types";

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 tabular-nums";

export function HoldingsTable({ view }: { view: PortfolioView }) {
  if (view.holdings.length === 0) {
    return <p className={`text-sm ${mutedText}`}>Nothing held now. Add a transaction by hand or import a CSV file below.</p>;
  }
  return (
    <div className={`${cardClass} overflow-x-auto p-0`} tabIndex={0} role="region" aria-label="Holdings">
      <table className="w-full min-w-[40rem] text-left text-sm" data-testid="holdings-table">
        <thead className={`border-b border-zinc-200 text-xs uppercase dark:border-zinc-800 ${mutedText}`}>
          <tr>
            <th className={th}>Symbol</th>
            <th className={`${th} text-right`}>Shares</th>
            <th className={`${th} text-right`}>Average cost</th>
            <th className={`${th} text-right`}>Last close</th>
            <th className={`${th} text-right`}>Value</th>
            <th className={`${th} text-right`}>Weight</th>
            <th className={`${th} text-right`}>Unrealised</th>
            <th className={`${th} text-right`}>Realised</th>
          </tr>
        </thead>
        <tbody>
          {view.holdings.map((h) => (
            <tr key={h.symbol} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800" data-testid="holding-row" data-symbol={h.symbol}>
              <td className="px-3 py-2">
                <a href={`/stock/${encodeURIComponent(h.symbol)}`} className="font-medium underline-offset-4 hover:underline">
                  {h.symbol}
                </a>
                <span className={`block text-xs ${mutedText}`}>{h.sector}</span>
              </td>
              <td className={`${td} text-right`} data-testid="holding-shares">{formatShares(h.quantity)}</td>
              <td className={`${td} text-right`}>{formatPrice(h.averageCost)}</td>
              <td className={`${td} text-right`}>{formatPrice(h.lastClose)}</td>
              <td className={`${td} text-right`} data-testid="holding-value">{formatPrice(h.value)}</td>
              <td className={`${td} text-right`}>{formatShare(h.weight)}</td>
              <td className={`${td} text-right ${changeTone(h.unrealisedGain)}`}>{formatPrice(h.unrealisedGain)}</td>
              <td className={`${td} text-right ${changeTone(h.realisedGain)}`}>{formatPrice(h.realisedGain)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Sector weights as labelled bars (the numbers are the text; the bars only show the proportion). */
export function SectorMix({ view }: { view: PortfolioView }) {
  if (view.sectors.length === 0) return null;
  return (
    <ul className="flex flex-col gap-2 text-sm" data-testid="sector-mix">
      {view.sectors.map((s) => (
        <li key={s.sector} className="flex flex-col gap-1" data-testid="sector-row">
          <span className="flex justify-between gap-2">
            <span>{s.sector}</span>
            <span className="tabular-nums">
              {formatShare(s.weight)} · {formatPrice(s.value)}
            </span>
          </span>
          <span aria-hidden className="h-2 rounded-full bg-zinc-200 dark:bg-zinc-800">
            <span className="block h-2 rounded-full bg-emerald-600 dark:bg-emerald-400" style={{ width: `${Math.max(1, s.weight * 100)}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
