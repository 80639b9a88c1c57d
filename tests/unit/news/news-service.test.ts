import { beforeEach, describe, expect, it } from "vitest";
import { getNews } from "@/server/news";
import { NO_PROVIDER_REASON } from "@/server/news";
import { parseFinnhubNews, withoutTrailingHeadline } from "@/server/news/providers";
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

  it("normalizes Finnhub general news, newest first, scored with the lexicon (the docs' sample: no recording exists)", async () => {
    useProviders({ server, keys: ["finnhub"] });
    server.on({ path: "/finnhub/news", query: { category: "general" }, fixture: "finnhub/news-general-DOCS-EXAMPLE.json" });
    const raw = fixtureJson<FinnhubArticle[]>("finnhub/news-general-DOCS-EXAMPLE.json");
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
    expect(r.articles[1]!.title).toBe("B&G Foods CEO expects pantry demand to hold up post-pandemic");
  });

  it("asks Finnhub for a week of company news and caches the answer for later calls", async () => {
    useProviders({ server, keys: ["finnhub"] });
    server.on({ path: "/finnhub/company-news", query: { symbol: "AAPL" }, fixture: "finnhub/company-news-AAPL.json" });
    const raw = fixtureJson<FinnhubArticle[]>("finnhub/company-news-AAPL.json");
    const r = await getNews({ symbol: "aapl", limit: 50 });
    expect(r.articles).toHaveLength(50);
    const times = r.articles.map((a) => a.publishedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(times[0]).toBe(new Date(Math.max(...raw.map((a) => a.datetime)) * 1000).toISOString());
    expect(r.articles.every((a) => raw.some((x) => x.headline === a.title))).toBe(true);
    const q = server.calls("/finnhub/company-news")[0]!.query;
    expect((Date.parse(q.to!) - Date.parse(q.from!)) / 86_400_000).toBe(7);
    await getNews({ symbol: "AAPL" });
    expect(server.calls("/finnhub/company-news")).toHaveLength(1);
  });

  it("falls back to Alpha Vantage NEWS_SENTIMENT with the provider's ticker score", async () => {
    useProviders({ server, keys: ["finnhub", "alphavantage"] });
    server.on({ path: "/finnhub/company-news", status: 429, fixture: "finnhub/error-429-shape.json" });
    server.on({ path: "/av/query", query: { function: "NEWS_SENTIMENT", tickers: "AAPL" }, fixture: "alphavantage/news-sentiment-AAPL-2023-12-24-feed-real-wrapper-reconstructed.json" });
    const r = await getNews({ symbol: "AAPL", limit: 10 });
    expect(r.source).toBe("alphavantage");
    expect(r.articles).toHaveLength(3);
    expect(r.articles[0]).toMatchObject({ publishedAt: "2023-12-24T20:30:14.000Z", sentiment: 0.128332, imageUrl: "https://cdn.mos.cms.futurecdn.net/zHo9tBQJSGKsGshEiiTp8D-415-80.jpg" });
    expect(r.articles.find((a) => a.title.startsWith("Google rejected"))!.sentiment).toBe(-0.131976);
  });

  it("drops the headline Finnhub repeats at the end of a summary (30 of the 246 recorded AAPL articles), so it is scored once", () => {
    const raw = fixtureJson<FinnhubArticle[]>("finnhub/company-news-AAPL.json");
    const parsed = parseFinnhubNews(raw);
    const changed = parsed.filter((a, i) => a.summary !== raw[i]!.summary.trim());
    expect(changed).toHaveLength(30);
    expect(parsed.filter((a) => a.summary.endsWith(a.title))).toEqual([]);
    const cdl = parsed.find((a) => a.title.startsWith("CDL’s $2.29 annual dividend"))!;
    expect(cdl.summary.endsWith("With Treasury yields ...")).toBe(true);
    expect(cdl.sentiment).toBe(scoreSentiment(`${cdl.title}. ${cdl.summary}`));
    expect(withoutTrailingHeadline("Shares rose.", "Shares rose.")).toBe("Shares rose.");
  });

  it("answers an empty list with the providers' errors when every provider fails", async () => {
    useProviders({ server, keys: ["finnhub", "alphavantage"] });
    server.on({ path: "/finnhub/news", fixture: "garbage-html.txt" }, { path: "/av/query", fixture: "alphavantage/information-daily-limit-25.json" });
    const r = await getNews({});
    expect(r.articles).toEqual([]);
    expect(r.source).toBeNull();
    expect(r.reason).toMatch(/finnhub: body is not JSON/);
    expect(r.reason).toMatch(/alphavantage: .*25 requests per day/);
  });
});
