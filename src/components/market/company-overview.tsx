// Company facts; fields a provider does not give are left out rather than shown as zeros.
import type { OverviewResponse } from "@/server/market/types";
import { formatCompact, formatPrice } from "@/components/lib/format";
import { sourceName } from "@/lib/market-labels";
import { SourceBadge } from "./source-badge";

export function CompanyOverview({ overview }: { overview: OverviewResponse }) {
  const facts: [string, string | undefined][] = [
    ["Sector", overview.sector],
    ["Industry", overview.industry],
    ["Exchange", overview.exchange],
    ["Market cap", overview.marketCap != null ? `$${formatCompact(overview.marketCap)}` : undefined],
    ["P/E ratio", overview.peRatio != null ? overview.peRatio.toFixed(2) : undefined],
    ["EPS", overview.eps != null ? formatPrice(overview.eps) : undefined],
    ["Dividend yield", overview.dividendYield != null ? `${(overview.dividendYield * 100).toFixed(2)}%` : undefined],
    ["Beta", overview.beta != null ? overview.beta.toFixed(2) : undefined],
    ["52-week high", overview.week52High != null ? formatPrice(overview.week52High) : undefined],
    ["52-week low", overview.week52Low != null ? formatPrice(overview.week52Low) : undefined],
    ["Average volume", overview.avgVolume != null ? formatCompact(overview.avgVolume) : undefined],
  ];
  const shown = facts.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== "");
  return (
    <section aria-labelledby="overview-heading" className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/40" data-testid="company-overview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="overview-heading" className="text-lg font-semibold tracking-tight">
          About {overview.name}
        </h2>
        <SourceBadge provenance={overview} />
      </div>
      {overview.description && <p className="mt-2 line-clamp-4 text-sm text-zinc-600 dark:text-zinc-400">{overview.description}</p>}
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-4">
        {shown.map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">{k}</dt>
            <dd className="text-sm font-medium tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      {overview.marketCap == null && overview.peRatio == null && (
        <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400" data-testid="fundamentals-note">
          {overview.historical
            ? "Market cap and P/E come from a live data service; the historical data set holds prices only."
            : `${sourceName(overview.source)} gives no market cap or P/E for this symbol.`}
        </p>
      )}
    </section>
  );
}
