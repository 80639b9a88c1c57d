import { beforeEach, describe, expect, it } from "vitest";
import { finnhubProvider } from "@/server/market/providers/finnhub";
import { fixtureJson } from "../../support/replay-server";
import { readCsv, useProviders, useReplayServer } from "./setup";

describe("Finnhub provider (replayed fixtures)", () => {
  const server = useReplayServer();
  beforeEach(() => {
    useProviders({ server, keys: ["finnhub"], order: "finnhub" });
  });

  it("parses a quote and authenticates with the token header", async () => {
    server.on({ path: "/finnhub/quote", query: { symbol: "AAPL" }, fixture: "finnhub/quote-aapl.json" });
    const q = (await finnhubProvider.quote("AAPL"))!;
    expect(q).toMatchObject({ symbol: "AAPL", price: 170.73, previousClose: 169, change: 1.73, time: "2024-03-08T21:00:00.000Z" });
    expect(server.requests[0]!.headers["x-finnhub-token"]).toBe("test-finnhub-key");
  });

  it("reads an all-zero quote as an unknown symbol and missing fields as garbage", async () => {
    server.on({ path: "/finnhub/quote", query: { symbol: "ZZZZ" }, fixture: "finnhub/quote-unknown.json" });
    server.on({ path: "/finnhub/quote", query: { symbol: "AAPL" }, fixture: "finnhub/quote-missing-fields.json" });
    expect(await finnhubProvider.quote("ZZZZ")).toBeNull();
    await expect(finnhubProvider.quote("AAPL")).rejects.toMatchObject({ kind: "garbage" });
  });

  it("parses daily candles into session dates matching the source rows", async () => {
    server.on({ path: "/finnhub/stock/candle", query: { resolution: "D" }, fixture: "finnhub/candle-aapl-d.json" });
    const bars = (await finnhubProvider.daily("AAPL"))!;
    const rows = readCsv("AAPL").slice(-30);
    expect(bars.map((b) => b.time)).toEqual(rows.map((r) => r.date));
    expect(bars.map((b) => b.volume)).toEqual(rows.map((r) => r.volume));
  });

  it("asks for minute and hourly candles and aggregates hourly ones into 4-hour bars", async () => {
    server.on(
      { path: "/finnhub/stock/candle", query: { resolution: "1" }, fixture: "finnhub/candle-aapl-1.json" },
      { path: "/finnhub/stock/candle", query: { resolution: "60" }, fixture: "finnhub/candle-aapl-60.json" },
    );
    const minute = (await finnhubProvider.intraday("AAPL", { intervalMin: 1, days: 1 }))!;
    expect(minute[0]!.time).toBe("2024-03-08T20:30:00.000Z");
    const hourly = fixtureJson<{ v: number[] }>("finnhub/candle-aapl-60.json");
    const four = (await finnhubProvider.intraday("AAPL", { intervalMin: 240, days: 30 }))!;
    expect(four.reduce((a, b) => a + b.volume, 0)).toBe(hourly.v.reduce((a, b) => a + b, 0));
    expect(four.length).toBeLessThan(hourly.v.length);
  });

  it("reads {s: no_data} as no bars", async () => {
    server.on({ path: "/finnhub/stock/candle", fixture: "finnhub/candle-no-data.json" });
    expect(await finnhubProvider.daily("ZZZZ")).toBeNull();
  });

  it("combines profile2 and stock/metric into an overview with units converted", async () => {
    server.on(
      { path: "/finnhub/stock/profile2", fixture: "finnhub/profile2-aapl.json" },
      { path: "/finnhub/stock/metric", query: { metric: "all" }, fixture: "finnhub/metric-aapl.json" },
    );
    const profile = fixtureJson<{ marketCapitalization: number }>("finnhub/profile2-aapl.json");
    const metric = fixtureJson<{ metric: Record<string, number> }>("finnhub/metric-aapl.json").metric;
    const o = (await finnhubProvider.overview("AAPL"))!;
    expect(o).toMatchObject({ symbol: "AAPL", name: "Apple Inc", industry: "Technology", currency: "USD" });
    expect(o.marketCap).toBeCloseTo(profile.marketCapitalization * 1e6, 0);
    expect(o.peRatio).toBe(metric.peTTM);
    expect(o.week52Low).toBe(metric["52WeekLow"]);
    expect(o.avgVolume).toBe(Math.round(metric["3MonthAverageTradingVolume"]! * 1e6));
  });

  it("returns null for an empty profile without asking for metrics", async () => {
    server.on({ path: "/finnhub/stock/profile2", fixture: "finnhub/profile2-unknown.json" });
    expect(await finnhubProvider.overview("ZZZZ")).toBeNull();
    expect(server.calls("/finnhub/stock/metric")).toHaveLength(0);
  });

  it("classifies HTTP 429 as a rate limit", async () => {
    server.on({ path: "/finnhub/quote", status: 429, fixture: "finnhub/error-429.json", headers: { "retry-after": "30" } });
    await expect(finnhubProvider.quote("AAPL")).rejects.toMatchObject({ kind: "rate_limited", retryAfterSec: 30 });
  });
});
