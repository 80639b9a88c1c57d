// Home: watchlist overview, market news and the ticker search.
import { forecastsReady, symbolsWithForecasts } from "@/server/predictions";
import { sessionUser } from "@/server/auth";
import { homeWatchlist } from "@/server/watchlists";
import { type BatchResult, getTickersBatch, getWatchlist, liveMode } from "@/server/market";
import { getNews } from "@/server/news";
import { WatchlistOverview } from "@/components/market/watchlist-overview";
import { NewsCards, newsUnavailable } from "@/components/market/news-cards";
import { availableTickers } from "@/components/market/example-symbols";
import { TickerSearch } from "@/components/search/ticker-search";
import { LiveStatus } from "@/components/market/live-status";

// Quotes change during the day; the market service caches, so rendering per request stays cheap.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  // A signed-in person sees their own first list; visitors (and people without a list yet) the configured one.
  const user = await sessionUser();
  const own = user ? await homeWatchlist({ userId: user.id }).catch(() => null) : null;
  const symbols = own ? own.symbols : getWatchlist();
  const [batch, news, forecasts, readySymbols] = await Promise.all([
    (symbols.length ? getTickersBatch({ symbols }) : Promise.resolve<BatchResult>({ tickers: [], errors: [] })).catch(
      (err: unknown): BatchResult => ({
        tickers: [],
        errors: [{ symbol: symbols.join(", "), error: { code: "unavailable", message: err instanceof Error ? err.message : "market data unavailable" } }],
      }),
    ),
    getNews({ limit: 6 }).catch(newsUnavailable),
    forecastsReady({ symbols }).catch(() => null),
    own ? symbolsWithForecasts({ symbols }).catch(() => undefined) : undefined,
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
      {own ? (
        <WatchlistOverview
          tickers={batch.tickers}
          errors={batch.errors}
          heading={`Your watchlist: ${own.name}`}
          readySymbols={readySymbols}
          empty="This list has no symbols yet. Add some from a stock page or on the watchlists page."
        />
      ) : (
        <WatchlistOverview tickers={batch.tickers} errors={batch.errors} />
      )}
      {user && (
        <p className="-mt-8 text-sm text-zinc-600 dark:text-zinc-400">
          <a href="/watchlists" className="underline underline-offset-4" data-testid="manage-watchlists">
            {own ? "Manage your watchlists" : "Make your own watchlist"}
          </a>
        </p>
      )}
      <NewsCards news={news} />
    </div>
  );
}
