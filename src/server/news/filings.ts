import "server-only";
// Company filings as news: with no news provider connected (or none answering), /news and the stock page
// list the latest 10-K, 10-Q and 8-K filings from SEC EDGAR, so news is never empty on a networked install.
import { companyFilings, edgarEnabled, edgarName, getWatchlist, type NewsArticle, type NewsResponse } from "@/server/market";

/** One filing as a news article (no sentiment: a filing is a fact, not an opinion). */
async function articlesFor(symbol: string): Promise<NewsArticle[]> {
  const filings = await companyFilings(symbol);
  const name = (await edgarName(symbol)) ?? symbol;
  return filings.map((f) => ({
    id: `sec-${f.accession}`,
    title: `${name} (${symbol}): ${f.title}`,
    source: "SEC EDGAR",
    url: f.url,
    imageUrl: null,
    publishedAt: f.filedAt,
    summary: `${name} filed a ${f.form} with the SEC on ${f.filingDate}${f.items.length ? ` (items ${f.items.join(", ")})` : ""}.`,
    sentiment: null,
  }));
}

/** Filings for `symbol`, or for the watchlist when there is none; null when EDGAR is off or has nothing. */
export async function filingsAsNews({ symbol, limit }: { symbol?: string; limit: number }): Promise<NewsResponse | null> {
  if (!edgarEnabled()) return null;
  const symbols = symbol ? [symbol] : getWatchlist();
  const lists = await Promise.all(symbols.map((s) => articlesFor(s).catch(() => [])));
  const articles = lists.flat().sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
  if (articles.length === 0) return null;
  return { articles: articles.slice(0, limit), refreshedAt: new Date().toISOString(), source: "sec-edgar" };
}
