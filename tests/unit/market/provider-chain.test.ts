import { beforeEach, describe, expect, it } from "vitest";
import { getStock } from "@/server/market";
import { runChain } from "@/server/market/chain";
import { PROVIDER_LIMITS } from "@/server/market/guard";
import { marketHealth } from "@/server/market/health";
import { providerOrder } from "@/server/market/providers";
import { clearMarketKeys, providerCallCount, useProviders, useReplayServer } from "./setup";

const quoteOf = (symbol: string) => runChain({ op: "quote", symbol, call: (p) => p.quote(symbol) });
const SYMBOLS = ["AAPL", "MSFT", "GOOGL", "AMZN", "META", "NVDA", "ZZZZ"];

describe("provider chain", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    await clearMarketKeys(SYMBOLS);
  });

  const polygonServes = () => server.on({ path: /^\/polygon\/v2\/aggs\/ticker\/[A-Z]+\/range\/1\/day\//, fixture: "polygon/aggs-range-day-AAPL-asc.json" });

  it("moves on after a provider times out, having retried it a bounded number of times", async () => {
    useProviders({ server, keys: ["finnhub", "polygon"], order: "finnhub,polygon", timeoutMs: 200 });
    server.on({ path: "/finnhub/quote", fixture: "finnhub/quote-AAPL.json", delayMs: 1500 });
    polygonServes();
    const before = await providerCallCount("finnhub", "timeout");
    const r = await quoteOf("AAPL");
    expect(r.source).toBe("polygon");
    expect(r.value.price).toBe(130.73); // the recorded 2023-01-10 close
    // First try + 2 retries, counted client-side: on a loaded machine an aborted attempt may never reach the server.
    expect((await providerCallCount("finnhub", "timeout")) - before).toBe(3);
    expect(server.calls("/finnhub/quote").length).toBeLessThanOrEqual(3);
    expect(r.fellThrough[0]).toMatch(/finnhub: no response within 200 ms/);
  });

  it("retries a 5xx and keeps the provider when the retry succeeds", async () => {
    useProviders({ server, keys: ["finnhub", "polygon"], order: "finnhub,polygon" });
    server.on({ path: "/finnhub/quote", fixture: "finnhub/quote-AAPL.json" });
    server.on({ path: "/finnhub/quote", status: 503, body: "Service Unavailable", times: 1 });
    const r = await quoteOf("AAPL");
    expect(r.source).toBe("finnhub");
    expect(server.calls("/finnhub/quote")).toHaveLength(2);
    expect(server.calls("/polygon")).toHaveLength(0);
  });

  it("marks a provider limited after a 429 and skips it without calling it again", async () => {
    useProviders({ server, keys: ["finnhub", "polygon"], order: "finnhub,polygon" });
    server.on({ path: "/finnhub/quote", status: 429, fixture: "finnhub/error-429-shape.json" });
    polygonServes();
    expect((await quoteOf("AAPL")).source).toBe("polygon");
    const second = await quoteOf("MSFT");
    expect(second.source).toBe("polygon");
    expect(second.fellThrough).toContain("finnhub: skipped (rate_limited)");
    expect(server.calls("/finnhub/quote")).toHaveLength(1);
  });

  it("treats Alpha Vantage's recorded 25-a-day answer as a rate limit and moves on", async () => {
    useProviders({ server, keys: ["alphavantage", "polygon"], order: "alphavantage,polygon" });
    server.on({ path: "/av/query", fixture: "alphavantage/information-daily-limit-25.json" });
    polygonServes();
    const before = await providerCallCount("alphavantage", "rate_limited");
    expect((await quoteOf("AAPL")).source).toBe("polygon");
    expect((await providerCallCount("alphavantage", "rate_limited")) - before).toBe(1);
    expect((await quoteOf("MSFT")).fellThrough).toContain("alphavantage: skipped (rate_limited)");
    expect(server.calls("/av/query")).toHaveLength(1);
  });

  it("moves on from an unparseable body without retrying it", async () => {
    useProviders({ server, keys: ["finnhub", "polygon"], order: "finnhub,polygon" });
    server.on({ path: "/finnhub/quote", fixture: "garbage-html.txt" });
    polygonServes();
    const before = await providerCallCount("finnhub", "garbage");
    const r = await quoteOf("AAPL");
    expect(r.source).toBe("polygon");
    expect(server.calls("/finnhub/quote")).toHaveLength(1);
    expect((await providerCallCount("finnhub", "garbage")) - before).toBe(1);
  });

  it("counts calls against the free-tier limit (Alpha Vantage 5/min) and falls back to the shipped set", async () => {
    useProviders({ server, keys: ["alphavantage"], order: "alphavantage" });
    server.on({ path: "/av/query", query: { function: "GLOBAL_QUOTE" }, fixture: "alphavantage/global-quote-MSFT-2018.json" });
    const perMinute = PROVIDER_LIMITS.alphavantage[0]!.limit;
    const sources: string[] = [];
    const started = Date.now();
    for (const s of SYMBOLS.slice(0, perMinute + 1)) sources.push((await quoteOf(s)).source);
    expect(server.calls("/av/query")).toHaveLength(perMinute);
    expect(sources).toEqual([...Array(perMinute).fill("alphavantage"), "shipped"]);
    // /api/status: limited until the sliding window admits the next request, within the minute.
    const av = (await marketHealth()).find((p) => p.name === "alphavantage")!;
    expect(av).toMatchObject({ state: "limited", detail: "free-tier request budget spent" });
    // (After the refused call, at most a minute on; a minute boundary may already have passed on a slow run.)
    expect(Date.parse(av.limitedUntil!)).toBeGreaterThan(started);
    expect(Date.parse(av.limitedUntil!) - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it("opens the circuit after repeated failures and stops calling the provider", async () => {
    useProviders({ server, keys: ["finnhub", "polygon"], order: "finnhub,polygon" });
    server.on({ path: "/finnhub/quote", status: 500, body: "Internal Server Error" });
    polygonServes();
    for (const s of ["AAPL", "MSFT", "GOOGL"]) expect((await quoteOf(s)).source).toBe("polygon");
    const callsBefore = server.calls("/finnhub/quote").length;
    expect(callsBefore).toBe(9);
    const r = await quoteOf("AMZN");
    expect(r.fellThrough).toContain("finnhub: skipped (circuit_open)");
    expect(server.calls("/finnhub/quote")).toHaveLength(callsBefore);
  });

  it("answers 404 when a live provider does not know the symbol, 503 when no provider could answer", async () => {
    useProviders({ server, keys: ["finnhub"], order: "finnhub" });
    server.on({ path: "/finnhub/quote", fixture: "finnhub/quote-unknown-ZZZNOTASYMBOL.json" });
    await expect(quoteOf("ZZZZ")).rejects.toMatchObject({ code: "not_found" });
    server.reset();
    server.on({ path: "/finnhub/quote", status: 429, fixture: "finnhub/error-429-shape.json" });
    useProviders({ server, keys: ["finnhub"], order: "finnhub" });
    await expect(quoteOf("ZZZZ")).rejects.toMatchObject({ code: "unavailable", status: 503 });
  });

  it("labels live answers as live and shipped fallbacks as historical", async () => {
    useProviders({ server, keys: ["finnhub"], order: "finnhub" });
    server.on({ path: "/finnhub/quote", query: { symbol: "AAPL" }, fixture: "finnhub/quote-AAPL.json" });
    server.on({ path: "/finnhub/quote", query: { symbol: "MSFT" }, status: 429, fixture: "finnhub/error-429-shape.json" });
    server.on({ path: "/finnhub/stock/candle", fixture: "finnhub/candle-D-AAPL-2021-09.json" });
    const live = await getStock({ symbol: "AAPL" });
    expect(live).toMatchObject({ source: "finnhub", historical: false, asOf: "2026-05-22T20:00:00.000Z", price: 308.82 });
    // The recorded candles end 2021-09-22, before the shipped set: the bar store's join keeps the newer shipped history.
    expect(live.history.at(-1)).toEqual({ date: "2024-03-08", price: 170.729996 });
    expect(live.historySource).toBe("shipped");
    const fallback = await getStock({ symbol: "MSFT" });
    expect(fallback).toMatchObject({ source: "shipped", historical: true, asOf: "2024-03-08" });
    expect(fallback.price).toBeCloseTo(406.22, 2);
  });

  it("reads PROVIDER_ORDER with aliases, drops unknown names and always ends with the shipped set", () => {
    useProviders({ order: "av, polygon,unknown,shipped,finnhub,polygon" });
    expect(providerOrder()).toEqual(["alphavantage", "polygon", "finnhub", "shipped"]);
  });

  it("throttles bursts of live fetches for one symbol and serves the shipped set meanwhile", async () => {
    useProviders({ server, keys: ["finnhub"], order: "finnhub" });
    server.on({ path: "/finnhub/quote", fixture: "finnhub/quote-AAPL.json" });
    const sources: string[] = [];
    for (let i = 0; i < 8; i++) sources.push((await quoteOf("AAPL")).source);
    expect(sources).toEqual([...Array(6).fill("finnhub"), "shipped", "shipped"]);
    expect(server.calls("/finnhub/quote")).toHaveLength(6);
  });

  it("stops asking for an endpoint outside the provider's plan (HTTP 403) and moves on", async () => {
    useProviders({ server, keys: ["finnhub", "polygon"], order: "finnhub,polygon" });
    server.on({ path: "/finnhub/stock/candle", status: 403, fixture: "finnhub/candle-D-AAPL-403-premium.json" });
    polygonServes();
    const daily = (symbol: string) => runChain({ op: "daily", symbol, call: (p) => p.daily(symbol) });
    expect((await daily("AAPL")).source).toBe("polygon");
    const second = await daily("MSFT");
    expect(second.source).toBe("polygon");
    expect(second.fellThrough).toContain("finnhub: skipped (unsupported)");
    expect(server.calls("/finnhub/stock/candle")).toHaveLength(1);
  });
});
