// Home: watchlist overview, market news and the ticker search.
import { forecastsReady } from "@/server/jobs/training-requests";
import { getTickersBatch, getWatchlist } from "@/server/market";
import { getNews } from "@/server/news";
import type { BatchResult } from "@/server/market/tickers";
import { WatchlistOverview } from "@/components/market/watchlist-overview";
import { NewsCards, newsUnavailable } from "@/components/market/news-cards";
import { availableTickers } from "@/components/market/example-symbols";
import { TickerSearch } from "@/components/search/ticker-search";
import { LiveStatus } from "@/components/market/live-status";
import { liveMode } from "@/server/market/chain";

// Quotes change during the day; the market service caches, so rendering per request stays cheap.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const symbols = getWatchlist();
  const [batch, news, forecasts] = await Promise.all([
    getTickersBatch({ symbols }).catch(
      (err: unknown): BatchResult => ({
        tickers: [],
        errors: [{ symbol: symbols.join(", "), error: { code: "unavailable", message: err instanceof Error ? err.message : "market data unavailable" } }],
      }),
    ),
    getNews({ limit: 6 }).catch(newsUnavailable),
    forecastsReady({ symbols }).catch(() => null),
  ]);

  return (
    <div className="flex flex-col gap-10">
      <section className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Markets</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Quotes, charts, company facts and news for your watchlist.</p>
          <LiveStatus tickers={batch.tickers} mode={liveMode()} />
          {forecasts && (
            <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400" data-testid="forecasts-ready">
              Forecasts ready for {forecasts.ready} of {forecasts.total} watchlist symbols.
            </p>
          )}
        </div>
        <TickerSearch label="Market search" className="w-full sm:max-w-sm" available={availableTickers()} anySymbol={liveMode() === "online"} />
      </section>
      <WatchlistOverview tickers={batch.tickers} errors={batch.errors} />
      <NewsCards news={news} />
    </div>
  );
}
