// News grid; with no provider configured it shows the service's reason instead of pretending.
import Link from "next/link";
import type { NewsResponse } from "@/server/market/types";
import { formatDateTime, sourceLabel } from "@/components/lib/format";

/** What the pages show when loading the news threw: the empty state with the error as its reason. */
export function newsUnavailable(err: unknown): NewsResponse {
  return {
    articles: [],
    refreshedAt: new Date().toISOString(),
    source: null,
    reason: `News could not be loaded: ${err instanceof Error ? err.message : "unknown error"}`,
  };
}

/** The empty state when no provider is set up: what news needs, for people rather than operators. */
export function NoProvider() {
  return (
    <p className="mt-1" data-testid="news-no-provider">
      News needs a connected news service (Finnhub or Alpha Vantage), and none is connected to this site. Whoever runs it can add one:{" "}
      <Link href="/help/news" className="font-medium underline underline-offset-2">
        how to connect a news service
      </Link>
      . Prices, charts and forecasts work without it.
    </p>
  );
}

export type SentimentLabel = "Bullish" | "Bearish" | "Neutral";
export const sentimentLabel = (s: number): SentimentLabel => (s > 0.15 ? "Bullish" : s < -0.15 ? "Bearish" : "Neutral");

export function sentimentChip(s: number | null) {
  if (s === null) return null;
  const label = sentimentLabel(s);
  const tone =
    label === "Bullish"
      ? "bg-emerald-50 text-emerald-700 dark:bg-emerald-950/60 dark:text-emerald-300"
      : label === "Bearish"
        ? "bg-rose-50 text-rose-700 dark:bg-rose-950/60 dark:text-rose-300"
        : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300";
  return (
    <span className={`rounded px-1.5 py-0.5 text-[11px] font-medium ${tone}`} title={`Sentiment score ${s.toFixed(2)}`}>
      {label}
    </span>
  );
}

export function NewsCards({ news, title = "Market news", limit = 6 }: { news: NewsResponse; title?: string; limit?: number }) {
  const articles = news.articles.slice(0, limit);
  return (
    <section aria-labelledby="news-heading">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="news-heading" className="text-lg font-semibold tracking-tight">
          {title}
        </h2>
        {news.source && (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {sourceLabel(news.source)} · refreshed {formatDateTime(news.refreshedAt)}
          </span>
        )}
      </div>
      {articles.length === 0 ? (
        <div data-testid="news-empty" className="mt-3 rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          <p className="font-medium text-zinc-800 dark:text-zinc-200">No news to show.</p>
          {news.configured === false ? <NoProvider /> : <p className="mt-1">{news.reason ?? "The news provider returned no articles."}</p>}
        </div>
      ) : (
        <ul className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="news-list">
          {articles.map((a) => (
            <li key={a.id}>
              <a
                href={a.url}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="news-card"
                className="flex h-full flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white transition-colors hover:border-zinc-400 dark:border-zinc-800 dark:bg-zinc-900/40 dark:hover:border-zinc-600"
              >
                <div className="flex flex-1 flex-col gap-2 p-3">
                  <div className="flex items-start gap-3">
                    <h3 className="line-clamp-3 flex-1 text-sm font-semibold leading-snug">{a.title}</h3>
                    {a.imageUrl && (
                      // Provider image hosts are unknown ahead of time, so next/image's allow-list cannot cover them.
                      // eslint-disable-next-line @next/next/no-img-element
                      <img src={a.imageUrl} alt="" loading="lazy" className="size-16 shrink-0 rounded-md bg-zinc-100 object-cover dark:bg-zinc-800" />
                    )}
                  </div>
                  {a.summary && <p className="line-clamp-3 text-xs text-zinc-600 dark:text-zinc-400">{a.summary}</p>}
                  <div className="mt-auto flex items-center justify-between gap-2 text-[11px] text-zinc-500 dark:text-zinc-400">
                    <span className="truncate">
                      {a.source} · {formatDateTime(a.publishedAt)}
                    </span>
                    {sentimentChip(a.sentiment)}
                  </div>
                </div>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
