// Home: watchlist overview, market news and the ticker search.
import { getNews, getTickersBatch, getWatchlist } from "@/server/market";
import type { NewsResponse, TickerSummary } from "@/server/market/types";
import { WatchlistOverview } from "@/components/market/watchlist-overview";
import { NewsCards } from "@/components/market/news-cards";
import { TickerSearch } from "@/components/search/ticker-search";

// Quotes change during the day; the market service caches, so rendering per request stays cheap.
export const dynamic = "force-dynamic";

type Batch = { tickers: TickerSummary[]; errors: { symbol: string; error: { code: string; message: string } }[] };

export default async function HomePage() {
  const symbols = getWatchlist();
  const [batch, news] = await Promise.all([
    getTickersBatch({ symbols }).catch(
      (err: unknown): Batch => ({
        tickers: [],
        errors: [{ symbol: symbols.join(", "), error: { code: "unavailable", message: err instanceof Error ? err.message : "market data unavailable" } }],
      }),
    ),
    getNews({ limit: 6 }).catch(
      (err: unknown): NewsResponse => ({
        articles: [],
        refreshedAt: new Date().toISOString(),
        source: null,
        reason: `News could not be loaded: ${err instanceof Error ? err.message : "unknown error"}`,
      }),
    ),
  ]);

  return (
    <div className="flex flex-col gap-10">
      <section className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Markets</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Quotes, charts, company facts and news for your watchlist.</p>
        </div>
        <TickerSearch className="w-full sm:max-w-sm" />
      </section>
      <WatchlistOverview tickers={batch.tickers} errors={batch.errors} />
      <NewsCards news={news} />
    </div>
  );
}
