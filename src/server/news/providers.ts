import "server-only";
// News providers: Finnhub (general and company news, scored with the lexicon) and Alpha Vantage
// NEWS_SENTIMENT (scored by the provider).
import { createHash } from "node:crypto";
import { avQuery, finnhubGet, isRecord, type NewsArticle, num, ProviderError, shiftDate } from "@/server/market";
import { scoreSentiment } from "./sentiment";

const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * Finnhub's summaries often end with the headline again ("... With Treasury yields ... CDL's $2.29 annual dividend
 * beats ..."; 30 of 246 articles in the recorded AAPL company news): dropped, so sentiment counts it once.
 */
export function withoutTrailingHeadline(summary: string, headline: string): string {
  const s = summary.trim();
  const h = headline.trim();
  if (!h || s === h || !s.endsWith(h)) return s;
  return s.slice(0, s.length - h.length).trimEnd();
}

export function parseFinnhubNews(raw: unknown): NewsArticle[] {
  if (isRecord(raw) && typeof raw.error === "string") throw new ProviderError("finnhub", "client", raw.error);
  if (!Array.isArray(raw)) throw new ProviderError("finnhub", "garbage", "news body is not an array");
  return raw
    .filter(isRecord)
    .filter((a) => str(a.headline) && str(a.url))
    .map((a) => {
      const seconds = num(a.datetime);
      if (seconds === undefined) throw new ProviderError("finnhub", "garbage", "article without datetime");
      const summary = withoutTrailingHeadline(str(a.summary), str(a.headline));
      return {
        id: `finnhub-${String(a.id ?? createHash("sha1").update(str(a.url)).digest("hex").slice(0, 16))}`,
        title: str(a.headline),
        source: str(a.source) || "Finnhub",
        url: str(a.url),
        imageUrl: str(a.image) || null,
        publishedAt: new Date(seconds * 1000).toISOString(),
        summary,
        sentiment: scoreSentiment(`${str(a.headline)}. ${summary}`),
      };
    });
}

/** "20240308T213000" -> ISO. Alpha Vantage documents the stamp without a zone; it is treated as UTC. */
export function avTime(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?$/.exec(stamp);
  if (!m) throw new ProviderError("alphavantage", "garbage", `bad time_published ${stamp}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}.000Z`;
}

export function parseAvNews(body: Record<string, unknown>, symbol?: string): NewsArticle[] {
  if (!Array.isArray(body.feed)) throw new ProviderError("alphavantage", "garbage", "NEWS_SENTIMENT without feed");
  return body.feed.filter(isRecord).map((a) => {
    const ticker = symbol && Array.isArray(a.ticker_sentiment)
      ? a.ticker_sentiment.filter(isRecord).find((t) => str(t.ticker).toUpperCase() === symbol)
      : undefined;
    const score = num(ticker?.ticker_sentiment_score) ?? num(a.overall_sentiment_score);
    return {
      id: `av-${createHash("sha1").update(str(a.url)).digest("hex").slice(0, 16)}`,
      title: str(a.title),
      source: str(a.source) || "Alpha Vantage",
      url: str(a.url),
      imageUrl: str(a.banner_image) || null,
      publishedAt: avTime(str(a.time_published)),
      summary: str(a.summary),
      sentiment: score === undefined ? null : Math.max(-1, Math.min(1, score)),
    };
  });
}

export async function finnhubNews(symbol?: string): Promise<NewsArticle[]> {
  if (!symbol) return parseFinnhubNews(await finnhubGet("news", { category: "general" }));
  const to = new Date().toISOString().slice(0, 10);
  return parseFinnhubNews(await finnhubGet("company-news", { symbol, from: shiftDate(to, { days: -7 }), to }));
}

export async function alphaVantageNews(symbol?: string): Promise<NewsArticle[] | null> {
  const params: Record<string, string> = { function: "NEWS_SENTIMENT", sort: "LATEST", limit: "50" };
  if (symbol) params.tickers = symbol;
  else params.topics = "financial_markets";
  const body = await avQuery(params);
  return body ? parseAvNews(body, symbol) : null;
}
