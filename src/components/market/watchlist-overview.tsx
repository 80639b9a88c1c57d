// Home page market overview: one card per watchlist ticker with price, day change and a sparkline, and, when
// the page knows it, whether the symbol's forecast models are trained.
import Link from "next/link";
import type { BatchResult } from "@/server/market";
import { changeTone, formatChange, formatPercent, formatPrice, provenanceText } from "@/components/lib/format";
import { SourceBadge } from "./source-badge";
import { Sparkline } from "./sparkline";

export function WatchlistOverview({
  tickers,
  errors,
  heading = "Market overview",
  readySymbols,
  empty = "No watchlist quotes are available right now.",
}: BatchResult & { heading?: string; readySymbols?: string[]; empty?: string }) {
  const ready = readySymbols ? new Set(readySymbols) : null;
  // Tickers from different providers get one badge each, so mixed sources stay visible.
  const badges = [...new Map(tickers.map((t) => [provenanceText(t), t])).values()];
  return (
    <section aria-labelledby="overview-heading">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="overview-heading" className="text-lg font-semibold tracking-tight">
          {heading}
        </h2>
        <div className="flex flex-wrap gap-1.5">
          {badges.map((t) => (
            <SourceBadge key={provenanceText(t)} provenance={t} />
          ))}
        </div>
      </div>
      {tickers.length === 0 ? (
        <p className="mt-4 rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {empty}
        </p>
      ) : (
        <ul className="mt-3 grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-3 xl:grid-cols-4" data-testid="watchlist">
          {tickers.map((t) => (
            <li key={t.symbol}>
              <Link
                href={`/stock/${encodeURIComponent(t.symbol)}`}
                data-testid="watchlist-item"
                className="flex flex-col gap-2 rounded-xl sm:flex-row sm:items-center sm:justify-between sm:gap-3 border border-zinc-200 bg-white p-3 transition-colors hover:border-zinc-400 dark:border-zinc-800 dark:bg-zinc-900/40 dark:hover:border-zinc-600"
              >
                <div className="min-w-0">
                  <div className="font-semibold tracking-tight">{t.symbol}</div>
                  <div className="truncate text-xs text-zinc-500 dark:text-zinc-400">{t.name ?? "\u00a0"}</div>
                  <div className="mt-1 text-sm font-medium tabular-nums">{formatPrice(t.price)}</div>
                  <div className={`text-xs tabular-nums ${changeTone(t.change)}`}>
                    {formatChange(t.change)} ({formatPercent(t.changePercent)})
                  </div>
                  {ready && (
                    <div className="mt-1 text-[11px] text-zinc-500 dark:text-zinc-400" data-testid="forecast-state">
                      {ready.has(t.symbol) ? "Forecast ready" : "Forecast not trained yet"}
                    </div>
                  )}
                </div>
                <Sparkline values={t.sparkline} label={`${t.symbol} last ${t.sparkline.length} closes`} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Not shown: {errors.map((e) => `${e.symbol} (${e.error.message})`).join("; ")}
        </p>
      )}
    </section>
  );
}
