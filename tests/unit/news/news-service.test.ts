import { beforeEach, describe, expect, it } from "vitest";
import { getNews } from "@/server/news";
import { NO_PROVIDER_REASON } from "@/server/news";
import { scoreSentiment } from "@/server/news/sentiment";
import { fixtureJson } from "../../support/replay-server";
import { clearMarketKeys, useProviders, useReplayServer } from "../market/setup";

interface FinnhubArticle {
  headline: string;
  summary: string;
  datetime: number;
  id: number;
  image: string;
  url: string;
  source: string;
}

describe("news service", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    await clearMarketKeys(["AAPL"]);
  });

  it("answers an empty list with a reason, not an error, when no provider is configured", async () => {
    useProviders();
    const r = await getNews({});
    expect(r).toMatchObject({ articles: [], source: null, reason: NO_PROVIDER_REASON });
    expect(Date.parse(r.refreshedAt)).not.toBeNaN();
  });

  it("normalizes Finnhub general news, newest first, scored with the lexicon", async () => {
    useProviders({ server, keys: ["finnhub"] });
    server.on({ path: "/finnhub/news", query: { category: "general" }, fixture: "finnhub/news-general.json" });
    const raw = fixtureJson<FinnhubArticle[]>("finnhub/news-general.json");
    const r = await getNews({ limit: 2 });
    expect(r.source).toBe("finnhub");
    expect(r.articles).toHaveLength(2);
    const first = raw.sort((a, b) => b.datetime - a.datetime)[0]!;
    expect(r.articles[0]).toEqual({
      id: `finnhub-${first.id}`,
      title: first.headline,
      source: first.source,
      url: first.url,
      imageUrl: first.image,
      publishedAt: new Date(first.datetime * 1000).toISOString(),
      summary: first.summary,
      sentiment: scoreSentiment(`${first.headline}. ${first.summary}`),
    });
    expect(r.articles[0]!.sentiment).toBeGreaterThan(0);
    expect(r.articles[1]!.sentiment).toBeLessThan(0);
    expect(r.articles[1]!.imageUrl).toBeNull();
  });

  it("asks Finnhub for a week of company news and caches the answer for later calls", async () => {
    useProviders({ server, keys: ["finnhub"] });
    server.on({ path: "/finnhub/company-news", query: { symbol: "AAPL" }, fixture: "finnhub/company-news-aapl.json" });
    const r = await getNews({ symbol: "aapl" });
    expect(r.articles.map((a) => a.title)).toEqual(fixtureJson<FinnhubArticle[]>("finnhub/company-news-aapl.json").map((a) => a.headline));
    const q = server.calls("/finnhub/company-news")[0]!.query;
    expect((Date.parse(q.to!) - Date.parse(q.from!)) / 86_400_000).toBe(7);
    await getNews({ symbol: "AAPL" });
    expect(server.calls("/finnhub/company-news")).toHaveLength(1);
  });

  it("falls back to Alpha Vantage NEWS_SENTIMENT with the provider's ticker score", async () => {
    useProviders({ server, keys: ["finnhub", "alphavantage"] });
    server.on({ path: "/finnhub/company-news", status: 429, fixture: "finnhub/error-429.json" });
    server.on({ path: "/av/query", query: { function: "NEWS_SENTIMENT", tickers: "AAPL" }, fixture: "alphavantage/news-sentiment-aapl.json" });
    const r = await getNews({ symbol: "AAPL", limit: 10 });
    expect(r.source).toBe("alphavantage");
    expect(r.articles).toHaveLength(3);
    expect(r.articles[0]).toMatchObject({ publishedAt: "2024-03-08T21:30:00.000Z", sentiment: 0.214553, imageUrl: "https://www.example-news.com/images/apple-store.jpg" });
    expect(r.articles.find((a) => a.title.startsWith("EU Fines"))!.sentiment).toBe(-0.386011);
    // No AAPL entry in ticker_sentiment: the article's overall score is used.
    expect(r.articles.find((a) => a.title.startsWith("Tech Stocks"))!.sentiment).toBe(0.031);
  });

  it("answers an empty list with the providers' errors when every provider fails", async () => {
    useProviders({ server, keys: ["finnhub", "alphavantage"] });
    server.on({ path: "/finnhub/news", fixture: "garbage-html.txt" }, { path: "/av/query", fixture: "alphavantage/information-daily-limit.json" });
    const r = await getNews({});
    expect(r.articles).toEqual([]);
    expect(r.source).toBeNull();
    expect(r.reason).toMatch(/finnhub: body is not JSON/);
    expect(r.reason).toMatch(/alphavantage: .*25 requests per day/);
  });
});
