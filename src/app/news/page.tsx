// /news: market news or one symbol's news with sentiment, filters by symbol and sentiment, and the daily
// average sentiment. Without a provider it explains, in words for people, what news needs.
import type { Metadata } from "next";
import Link from "next/link";
import { getWatchlist, symbolSchema } from "@/server/market";
import { getNews } from "@/server/news";
import { NewsCards, newsUnavailable } from "@/components/market/news-cards";
import { DailySentimentChart } from "@/components/news/daily-sentiment-chart";
import { dailySentiment, filterBySentiment, parseSentimentFilter, SENTIMENT_FILTERS } from "@/components/news/news-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "News" };

type Props = { searchParams: Promise<{ symbol?: string; sentiment?: string }> };

const SENTIMENT_BASIS: Record<string, string> = {
  alphavantage: "Sentiment is the provider's own score (Alpha Vantage).",
  finnhub: "Sentiment is scored from headline and summary with a finance word list (Finnhub sends no score).",
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
      {parsed && !parsed.success && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          &ldquo;{sp.symbol}&rdquo; is not a ticker symbol; showing market news instead.
        </p>
      )}
      <form method="get" action="/news" className="flex flex-wrap items-end gap-3" aria-label="News filters" data-testid="news-filters">
        <label className="flex flex-col gap-1 text-xs text-zinc-500 dark:text-zinc-400">
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
        <label className="flex flex-col gap-1 text-xs text-zinc-500 dark:text-zinc-400">
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
      {days.length > 0 && <DailySentimentChart days={days} label={`Daily average sentiment${symbol ? ` of ${symbol} news` : ""}`} />}
      {news.articles.length > 0 && shown.articles.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="news-filtered-empty">
          None of the {news.articles.length} recent articles is {filter}.
        </p>
      ) : (
        <NewsCards news={shown} title={title} limit={50} />
      )}
    </div>
  );
}
