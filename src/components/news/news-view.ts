// The news page's filtering and its daily average sentiment, kept apart from the markup so they can be checked.
import type { NewsArticle } from "@/server/market/types";
import { sentimentLabel, type SentimentLabel } from "@/components/market/news-cards";

export const SENTIMENT_FILTERS = ["all", "bullish", "neutral", "bearish"] as const;
export type SentimentFilter = (typeof SENTIMENT_FILTERS)[number];

export function parseSentimentFilter(raw: string | undefined): SentimentFilter {
  return (SENTIMENT_FILTERS as readonly string[]).includes(raw ?? "") ? (raw as SentimentFilter) : "all";
}

export function filterBySentiment(articles: readonly NewsArticle[], filter: SentimentFilter): NewsArticle[] {
  if (filter === "all") return [...articles];
  return articles.filter((a) => a.sentiment !== null && sentimentLabel(a.sentiment).toLowerCase() === (filter as Lowercase<SentimentLabel>));
}

export interface DailySentiment {
  date: string;
  mean: number;
  n: number;
}

/** Mean sentiment per UTC publishing day, oldest first; unscored articles are left out. */
export function dailySentiment(articles: readonly NewsArticle[]): DailySentiment[] {
  const byDay = new Map<string, { sum: number; n: number }>();
  for (const a of articles) {
    if (a.sentiment === null) continue;
    const d = a.publishedAt.slice(0, 10);
    const cur = byDay.get(d) ?? { sum: 0, n: 0 };
    cur.sum += a.sentiment;
    cur.n++;
    byDay.set(d, cur);
  }
  return [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, { sum, n }]) => ({ date, mean: sum / n, n }));
}
