import "server-only";
// GET /api/news: Finnhub first, Alpha Vantage NEWS_SENTIMENT as fallback, cached 12 h. Without a
// configured provider, or when every provider fails, the answer is an empty list with a reason:
// news is decoration on the pages, so it never turns into an error.
import { getEnv } from "@/env";
import { guardedCall, KEYS, memo, type NewsArticle, type NewsResponse, parseSymbol, ProviderError, ProviderSkipped, TTL } from "@/server/market";
import { filingsAsNews } from "./filings";
import { alphaVantageNews, finnhubNews } from "./providers";

// Shown to people on the pages, so it names no settings; operators find those in the README's News section.
export const NO_PROVIDER_REASON = "No news provider is connected to this site";
const EMPTY_TTL = 15 * 60;

/** Provider news; when there is none (no provider, none answering, no articles), SEC EDGAR filings instead. */
export async function getNews(opts: { symbol?: string; limit?: number } = {}): Promise<NewsResponse> {
  const news = await providerNews(opts);
  if (news.articles.length) return news;
  const filings = await filingsAsNews({ symbol: opts.symbol ? parseSymbol(opts.symbol) : undefined, limit: Math.max(1, Math.min(50, Math.floor(opts.limit ?? 6))) });
  return filings ?? news;
}

async function providerNews({ symbol, limit = 6 }: { symbol?: string; limit?: number } = {}): Promise<NewsResponse> {
  const sym = symbol ? parseSymbol(symbol) : undefined;
  const n = Math.max(1, Math.min(50, Math.floor(limit)));
  const env = getEnv();
  const sources = [
    { name: "finnhub" as const, enabled: Boolean(env.FINNHUB_API_KEY), load: () => finnhubNews(sym) },
    { name: "alphavantage" as const, enabled: Boolean(env.ALPHA_VANTAGE_API_KEY), load: () => alphaVantageNews(sym) },
  ].filter((s) => s.enabled);
  if (sources.length === 0) {
    return { articles: [], refreshedAt: new Date().toISOString(), source: null, configured: false, reason: NO_PROVIDER_REASON };
  }
  const all = await memo(KEYS.news(sym), async () => {
    const failures: string[] = [];
    for (const s of sources) {
      try {
        const articles = await guardedCall<NewsArticle[]>({ provider: s.name, op: "news", call: s.load });
        if (articles === null) {
          failures.push(`${s.name}: no articles for ${sym}`);
          continue;
        }
        articles.sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
        const value: NewsResponse = {
          articles: articles.slice(0, 50),
          refreshedAt: new Date().toISOString(),
          source: s.name,
          ...(articles.length === 0 ? { reason: `No recent articles${sym ? ` for ${sym}` : ""}` } : {}),
        };
        return { value, ttlSec: articles.length ? TTL.news : EMPTY_TTL };
      } catch (err) {
        if (err instanceof ProviderSkipped || err instanceof ProviderError) failures.push(err.message);
        else throw err;
      }
    }
    const value: NewsResponse = {
      articles: [],
      refreshedAt: new Date().toISOString(),
      source: null,
      reason: `News providers are unavailable right now (${failures.join("; ")})`,
    };
    return { value, ttlSec: 0 };
  });
  const { cached: _cached, ...rest } = all;
  return { ...rest, articles: rest.articles.slice(0, n) };
}
