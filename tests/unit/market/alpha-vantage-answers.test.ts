// Alpha Vantage's limit, plan and error answers (all HTTP 200), replayed verbatim from recorded live answers: each
// case was misread before (issue 16). Order: rate-limit wording first, then premium/plan wording.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/logger";
import { runChain } from "@/server/market/chain";
import { ProviderSkipped } from "@/server/market/guard";
import { marketHealth } from "@/server/market/health";
import { alphaVantageProvider } from "@/server/market/providers/alpha-vantage";
import { getNews } from "@/server/news";
import { clearMarketKeys, useProviders, useReplayServer } from "./setup";

const quoteOf = (symbol: string) => runChain({ op: "quote", symbol, call: (p) => p.quote(symbol) });
const dailyOf = (symbol: string) => runChain({ op: "daily", symbol, call: (p) => p.daily(symbol) });

describe("Alpha Vantage answers (recorded wording)", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    await clearMarketKeys(["AAPL", "MSFT", "IBM", "ZZZZ"]);
    useProviders({ server, keys: ["alphavantage"], order: "alphavantage" });
  });

  it("reads 'outputsize=full ... premium feature' as a plan limit: compact is asked for and quotes keep working", async () => {
    server.on(
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY_ADJUSTED" }, fixture: "alphavantage/information-premium-endpoint.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY", outputsize: "full" }, fixture: "alphavantage/information-premium-feature-outputsize-full.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY", outputsize: "compact" }, fixture: "alphavantage/time-series-daily-IBM-compact-2023.json" },
      { path: "/av/query", query: { function: "GLOBAL_QUOTE" }, fixture: "alphavantage/global-quote-MSFT-2018.json" },
    );
    const daily = await dailyOf("IBM");
    expect(daily.source).toBe("alphavantage");
    expect(daily.value.at(-1)!.close).toBe(155.65);
    expect(server.requests.map((r) => `${r.query.function}:${r.query.outputsize}`)).toEqual(["TIME_SERIES_DAILY_ADJUSTED:full", "TIME_SERIES_DAILY:full", "TIME_SERIES_DAILY:compact"]);
    expect((await quoteOf("MSFT")).source).toBe("alphavantage");
    // The refused variants are remembered: the next daily fetch costs one request of the 25 a day.
    server.requests.length = 0;
    await dailyOf("AAPL");
    expect(server.requests.map((r) => `${r.query.function}:${r.query.outputsize}`)).toEqual(["TIME_SERIES_DAILY:compact"]);
  });

  it("asks for compact straight away for a top-up within the last 100 sessions", async () => {
    server.on(
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY_ADJUSTED" }, fixture: "alphavantage/information-premium-endpoint.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY", outputsize: "compact" }, fixture: "alphavantage/time-series-daily-IBM-compact-2023.json" },
    );
    const from = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    expect(await alphaVantageProvider.daily("IBM", { from })).toHaveLength(8);
    expect(server.requests.map((r) => `${r.query.function}:${r.query.outputsize}`)).toEqual(["TIME_SERIES_DAILY_ADJUSTED:compact", "TIME_SERIES_DAILY:compact"]);
  });

  it("reads the burst answer (1 request per second, with its premium upsell) as a short rate limit, not 'unsupported'", async () => {
    server.on({ path: "/av/query", fixture: "alphavantage/information-burst-limit-1-per-second.json" });
    await expect(alphaVantageProvider.quote("AAPL")).rejects.toMatchObject({ kind: "rate_limited", retryAfterSec: 60 });
  });

  it("reads the 25-requests-a-day answer as a rate limit for an hour, and the legacy 5-per-minute Note for a minute", async () => {
    server.on({ path: "/av/query", query: { symbol: "AAPL" }, fixture: "alphavantage/information-daily-limit-25.json" });
    server.on({ path: "/av/query", query: { symbol: "MSFT" }, fixture: "alphavantage/note-5-per-minute-legacy.json" });
    server.on({ path: "/av/query", query: { symbol: "IBM" }, fixture: "alphavantage/information-contact-premium.json" });
    await expect(alphaVantageProvider.quote("AAPL")).rejects.toMatchObject({ kind: "rate_limited", retryAfterSec: 3600 });
    await expect(alphaVantageProvider.quote("MSFT")).rejects.toMatchObject({ kind: "rate_limited", retryAfterSec: 60 });
    await expect(alphaVantageProvider.quote("IBM")).rejects.toMatchObject({ kind: "rate_limited", retryAfterSec: 60 });
  });

  it("reads 'This is a premium endpoint' as outside the plan, for that operation only", async () => {
    server.on({ path: "/av/query", query: { function: "OVERVIEW" }, fixture: "alphavantage/information-premium-endpoint.json" });
    server.on({ path: "/av/query", query: { function: "GLOBAL_QUOTE" }, fixture: "alphavantage/global-quote-MSFT-2018.json" });
    const overview = await runChain({ op: "overview", symbol: "MSFT", call: (p) => p.overview("MSFT") });
    expect(overview.source).toBe("shipped");
    expect(overview.fellThrough[0]).toMatch(/alphavantage: Thank you for using Alpha Vantage! This is a premium endpoint/);
    expect((await quoteOf("MSFT")).source).toBe("alphavantage");
  });

  it("reads an invalid key as a configuration error: logged once, the provider skipped, 'key invalid' on the status, never 'unknown symbol'", async () => {
    const errors = vi.spyOn(logger, "error");
    server.on({ path: "/av/query", fixture: "alphavantage/error-message-invalid-apikey.json" });
    const first = await quoteOf("AAPL");
    expect(first.source).toBe("shipped");
    expect(first.fellThrough[0]).toMatch(/alphavantage: key invalid: the parameter apikey is invalid or missing/);
    // A symbol only a live provider could know: 503 (cannot tell now), not 404 (unknown symbol).
    await expect(quoteOf("ZZZZ")).rejects.toMatchObject({ code: "unavailable" });
    const second = await quoteOf("MSFT");
    expect(second.fellThrough).toContain("alphavantage: skipped (key_invalid)");
    expect(server.calls("/av/query")).toHaveLength(1);
    expect(errors.mock.calls.filter(([msg]) => msg === "provider key invalid")).toHaveLength(1);
    const av = (await marketHealth()).find((p) => p.name === "alphavantage")!;
    expect(av).toMatchObject({ enabled: true, status: "down", state: "key_invalid" });
    expect(av.detail).toMatch(/key invalid: .*apikey is invalid or missing/);
    await expect(alphaVantageProvider.quote("AAPL")).rejects.toMatchObject({ kind: "config" });
    errors.mockRestore();
  });

  it("reads NEWS_SENTIMENT's 'Invalid inputs' and 'No articles found' as no articles, and keeps Alpha Vantage on", async () => {
    server.on({ path: "/av/query", query: { function: "NEWS_SENTIMENT", tickers: "ZZZZ" }, fixture: "alphavantage/news-information-invalid-inputs.json" });
    server.on({ path: "/av/query", query: { function: "NEWS_SENTIMENT", tickers: "IBM" }, fixture: "alphavantage/news-information-no-articles.json" });
    server.on({ path: "/av/query", query: { function: "GLOBAL_QUOTE" }, fixture: "alphavantage/global-quote-MSFT-2018.json" });
    for (const symbol of ["ZZZZ", "IBM"]) {
      const r = await getNews({ symbol });
      expect(r).toMatchObject({ articles: [], source: "alphavantage", reason: `No recent articles for ${symbol}` });
    }
    const q = await quoteOf("MSFT");
    expect(q.source).toBe("alphavantage");
    expect(server.calls("/av/query")).toHaveLength(3);
  });

  it("does not skip a provider that only refused a plan feature", async () => {
    server.on({ path: "/av/query", fixture: "alphavantage/information-premium-feature-outputsize-full.json" });
    const err = await alphaVantageProvider.intraday("AAPL", { intervalMin: 1, days: 1 }).catch((e) => e);
    expect(err).not.toBeInstanceOf(ProviderSkipped);
    expect(err).toMatchObject({ kind: "unsupported" });
  });
});
