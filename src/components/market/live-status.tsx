// One line on the home page saying whether the site is live: which live source answered, or that the
// historical data set is serving (offline, or no live source set up), with its as-of date.
import { provenanceLine, sourceLabel } from "@/lib/market-labels";
import type { TickerSummary } from "@/server/market/types";

export type LiveMode = "online" | "offline" | "off";

export function liveStatusText({ tickers, mode }: { tickers: Pick<TickerSummary, "source" | "asOf" | "historical">[]; mode: LiveMode }): string {
  const live = [...new Set(tickers.filter((t) => !t.historical).map((t) => sourceLabel(t.source)))];
  if (live.length) return `Live data from ${live.join(" and ")}.`;
  const newest = tickers.map((t) => t.asOf).sort().at(-1);
  const shipped = newest ? provenanceLine({ source: "shipped", asOf: newest, historical: true }) : "historical data set";
  if (mode === "offline") return `Offline: ${shipped}.`;
  if (mode === "off") return `Not live: ${shipped}; no live data source is set up.`;
  return `Live data is unavailable right now: ${shipped}.`;
}

export function LiveStatus({ tickers, mode }: { tickers: Pick<TickerSummary, "source" | "asOf" | "historical">[]; mode: LiveMode }) {
  const text = liveStatusText({ tickers, mode });
  const live = text.startsWith("Live data from");
  return (
    <p data-testid="live-status" data-mode={live ? "live" : mode === "online" ? "unavailable" : mode} className="mt-1 flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
      <span aria-hidden className={`size-1.5 rounded-full ${live ? "bg-emerald-500" : "bg-amber-500"}`} />
      {text}
    </p>
  );
}
