// /news: market news or one symbol's news with sentiment, filters by symbol and sentiment, and the daily
// average sentiment. Without a provider it explains, in words for people, what news needs.
import type { Metadata } from "next";
import Link from "next/link";
import { getWatchlist, symbolSchema } from "@/server/market";
import { getNews } from "@/server/news";
import { NewsCards, newsUnavailable, NoProvider } from "@/components/market/news-cards";
import { UrlCorrections } from "@/components/layout/url-corrections";
import { DailySentimentChart } from "@/components/news/daily-sentiment-chart";
import { dailySentiment, filterBySentiment, parseSentimentFilter, SENTIMENT_FILTERS } from "@/components/news/news-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "News" };

type Props = { searchParams: Promise<{ symbol?: string; sentiment?: string }> };

const SENTIMENT_BASIS: Record<string, string> = {
  alphavantage: "Sentiment is the provider's own score (Alpha Vantage).",
  finnhub: "Sentiment is scored from headline and summary with a finance word list (Finnhub sends no score).",
  "sec-edgar": "No news service is connected: these are the companies' latest SEC filings, which carry no sentiment score.",
};

export default async function NewsPage({ searchParams }: Props) {
  const sp = await searchParams;
  const parsed = sp.symbol ? symbolSchema.safeParse(sp.symbol) : null;
  const symbol = parsed?.success ? parsed.data : undefined;
  const filter = parseSentimentFilter(sp.sentiment);
  const news = await getNews({ symbol, limit: 50 }).catch(newsUnavailable);
  const shown = { ...news, articles: filterBySentiment(news.articles, filter) };
  const days = dailySentiment(news.articles);
  const title = symbol ? `${symbol} news` : "Market news";
  const select = "rounded-md border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700";
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">News</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Market and company headlines with a sentiment score from −1 (bearish) to +1 (bullish). {news.source ? SENTIMENT_BASIS[news.source] : ""}
        </p>
      </div>
      <UrlCorrections notes={sp.sentiment !== undefined && sp.sentiment !== filter ? [`Sentiment "${sp.sentiment}" is not a filter; showing any sentiment (choose bullish, neutral or bearish).`] : []} />
      {parsed && !parsed.success && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          &ldquo;{sp.symbol}&rdquo; is not a ticker symbol; showing market news instead.
        </p>
      )}
      {news.articles.length === 0 && (
        // Nothing to filter: say so first, with what would make news appear and where to go meanwhile.
        <div data-testid="news-empty" className="rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
          <p className="font-medium text-zinc-900 dark:text-zinc-100">{symbol ? `No news for ${symbol} on this site right now.` : "No news on this site right now."}</p>
          {news.configured === false ? <NoProvider /> : <p className="mt-1">{news.reason ?? "The news service returned no articles."}</p>}
          <p className="mt-2">
            Meanwhile: <Link href="/" className="font-medium underline underline-offset-2">market overview</Link>,{" "}
            <Link href="/predict" className="font-medium underline underline-offset-2">forecasts</Link>
            {symbol ? (
              <>
                {" "}or <Link href={`/stock/${symbol}`} className="font-medium underline underline-offset-2">{symbol}&rsquo;s chart</Link>
              </>
            ) : null}
            .
          </p>
        </div>
      )}
      {news.configured !== false && (
        <form method="get" action="/news" className="flex flex-wrap items-end gap-3" aria-label="News filters" data-testid="news-filters">
          <label className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
            Symbol
            <select name="symbol" defaultValue={symbol ?? ""} className={select}>
              <option value="">All market news</option>
              {[...new Set([...(symbol ? [symbol] : []), ...getWatchlist()])].map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
            Sentiment
            <select name="sentiment" defaultValue={filter} className={select}>
              {SENTIMENT_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {f === "all" ? "Any" : f.charAt(0).toUpperCase() + f.slice(1)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white dark:bg-zinc-100 dark:text-zinc-900">
            Show
          </button>
          {(symbol || filter !== "all") && (
            <Link href="/news" className="text-sm text-zinc-600 underline underline-offset-4 dark:text-zinc-400">
              Clear filters
            </Link>
          )}
        </form>
      )}
      {days.length > 0 && <DailySentimentChart days={days} label={`Daily average sentiment${symbol ? ` of ${symbol} news` : ""}`} />}
      {news.articles.length > 0 && shown.articles.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="news-filtered-empty">
          None of the {news.articles.length} recent articles is {filter}.
        </p>
      ) : (
        news.articles.length > 0 && <NewsCards news={shown} title={title} limit={50} />
      )}
    </div>
  );
}
