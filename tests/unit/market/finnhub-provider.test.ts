// Finnhub, replayed from recorded real answers (SalZaki/finnhub-mcp's captures of a free key in 2026 and pasted live
// answers; tests/fixtures/providers/README.md names each source).
import { beforeEach, describe, expect, it } from "vitest";
import { runChain } from "@/server/market/chain";
import { marketHealth } from "@/server/market/health";
import { finnhubProvider } from "@/server/market/providers/finnhub";
import { fixtureJson } from "../../support/replay-server";
import { clearMarketKeys, useProviders, useReplayServer } from "./setup";

describe("Finnhub provider (replayed recordings)", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    await clearMarketKeys(["AAPL", "MSFT"]);
    useProviders({ server, keys: ["finnhub"], order: "finnhub" });
  });

  it("parses a recorded quote and authenticates with the token header", async () => {
    server.on({ path: "/finnhub/quote", query: { symbol: "AAPL" }, fixture: "finnhub/quote-AAPL.json" });
    const q = (await finnhubProvider.quote("AAPL"))!;
    expect(q).toEqual({ symbol: "AAPL", price: 308.82, previousClose: 304.99, change: 3.83, changePercent: 1.2558, open: 306.12, high: 311.4, low: 305.84, time: "2026-05-22T20:00:00.000Z" });
    expect(server.requests[0]!.headers["x-finnhub-token"]).toBe("test-finnhub-key");
  });

  it("reads the recorded all-zero quote as an unknown symbol and missing fields as garbage", async () => {
    server.on({ path: "/finnhub/quote", query: { symbol: "ZZZNOTASYMBOL" }, fixture: "finnhub/quote-unknown-ZZZNOTASYMBOL.json" });
    server.on({ path: "/finnhub/quote", query: { symbol: "AAPL" }, fixture: "finnhub/quote-missing-fields-handwritten.json" });
    expect(await finnhubProvider.quote("ZZZNOTASYMBOL")).toBeNull();
    await expect(finnhubProvider.quote("AAPL")).rejects.toMatchObject({ kind: "garbage" });
  });

  it("parses recorded daily candles into session dates (AAPL 2021-09, stamped 00:00 UTC; SPY 2020-06, stamped 13:30 UTC)", async () => {
    server.on({ path: "/finnhub/stock/candle", query: { resolution: "D", symbol: "AAPL" }, fixture: "finnhub/candle-D-AAPL-2021-09.json" });
    server.on({ path: "/finnhub/stock/candle", query: { resolution: "D", symbol: "SPY" }, fixture: "finnhub/candle-D-SPY-2020-06.json" });
    const raw = fixtureJson<{ c: number[]; v: number[] }>("finnhub/candle-D-AAPL-2021-09.json");
    const bars = (await finnhubProvider.daily("AAPL"))!;
    expect(bars).toHaveLength(12);
    expect([bars[0]!.time, bars.at(-1)!.time]).toEqual(["2021-09-07", "2021-09-22"]);
    expect(bars.map((b) => b.close)).toEqual(raw.c);
    expect(bars.map((b) => b.volume)).toEqual(raw.v);
    expect((await finnhubProvider.daily("SPY"))!.map((b) => [b.time, b.close])).toEqual([
      ["2020-06-08", 323.2],
      ["2020-06-09", 320.79],
      ["2020-06-10", 319],
      ["2020-06-11", 300.61],
      ["2020-06-12", 304.21],
    ]);
  });

  it("skips candles, daily and intraday, after the free key's recorded 403 premium answer; quotes still work", async () => {
    server.on({ path: "/finnhub/stock/candle", status: 403, fixture: "finnhub/candle-D-AAPL-403-premium.json" });
    server.on({ path: "/finnhub/quote", fixture: "finnhub/quote-AAPL.json" });
    const daily = await runChain({ op: "daily", symbol: "AAPL", call: (p) => p.daily("AAPL") });
    expect(daily.source).toBe("shipped");
    expect(daily.fellThrough[0]).toMatch(/finnhub: HTTP 403: \{"error":"You don't have access to this resource."\}/);
    await expect(finnhubProvider.intraday("AAPL", { intervalMin: 60, days: 8 })).rejects.toMatchObject({ kind: "unsupported" });
    expect(server.calls("/finnhub/stock/candle")).toHaveLength(1);
    const quote = await runChain({ op: "quote", symbol: "MSFT", call: (p) => p.quote("MSFT") });
    expect(quote.source).toBe("finnhub");
    expect((await marketHealth()).find((p) => p.name === "finnhub")).toMatchObject({ status: "up", state: "ok" });
  });

  it("asks for minute and hourly candles and builds 4-hour bars from the regular session (hand-written: no recording exists)", async () => {
    server.on(
      { path: "/finnhub/stock/candle", query: { resolution: "1" }, fixture: "finnhub/candle-1-AAPL-handwritten.json" },
      { path: "/finnhub/stock/candle", query: { resolution: "60" }, fixture: "finnhub/candle-60-AAPL-handwritten.json" },
    );
    const minute = (await finnhubProvider.intraday("AAPL", { intervalMin: 1, days: 1 }))!;
    expect(minute[0]!.time).toBe("2024-03-08T20:30:00.000Z");
    const hourly = fixtureJson<{ t: number[]; v: number[] }>("finnhub/candle-60-AAPL-handwritten.json");
    const regular = hourly.v.filter((_, i) => new Date(hourly.t[i]! * 1000).toLocaleTimeString("en-US", { timeZone: "America/New_York", hour12: false }) < "16:00:00");
    const four = (await finnhubProvider.intraday("AAPL", { intervalMin: 240, days: 30 }))!;
    expect(four.reduce((a, b) => a + b.volume, 0)).toBe(regular.reduce((a, b) => a + b, 0));
    expect(four.length).toBeLessThan(regular.length);
  });

  it("reads {s: no_data} as no bars", async () => {
    server.on({ path: "/finnhub/stock/candle", fixture: "finnhub/candle-no-data-shape.json" });
    expect(await finnhubProvider.daily("ZZZZ")).toBeNull();
  });

  it("combines recorded profile2 and stock/metric into an overview with units converted and the exchange named", async () => {
    server.on(
      { path: "/finnhub/stock/profile2", fixture: "finnhub/profile2-AAPL.json" },
      { path: "/finnhub/stock/metric", query: { metric: "all" }, fixture: "finnhub/metric-all-AAPL.json" },
    );
    const o = (await finnhubProvider.overview("AAPL"))!;
    expect(o).toMatchObject({ symbol: "AAPL", name: "Apple Inc", industry: "Technology", currency: "USD", exchange: "NASDAQ", peRatio: 37.0039, week52Low: 193.46, beta: 1.0841436 });
    expect(o.marketCap).toBeCloseTo(4535749.272209372 * 1e6, 0);
    expect(o.avgVolume).toBe(Math.round(47.0618 * 1e6));
  });

  it("returns null for an empty profile without asking for metrics", async () => {
    server.on({ path: "/finnhub/stock/profile2", fixture: "finnhub/profile2-unknown-shape.json" });
    expect(await finnhubProvider.overview("ZZZZ")).toBeNull();
    expect(server.calls("/finnhub/stock/metric")).toHaveLength(0);
  });

  it("classifies HTTP 429 as a rate limit and HTTP 401 as a key problem", async () => {
    server.on({ path: "/finnhub/quote", status: 429, fixture: "finnhub/error-429-shape.json", headers: { "retry-after": "30" } });
    await expect(finnhubProvider.quote("AAPL")).rejects.toMatchObject({ kind: "rate_limited", retryAfterSec: 30 });
    server.reset();
    server.on({ path: "/finnhub/quote", status: 401, body: { error: "Invalid API key" } });
    await expect(finnhubProvider.quote("AAPL")).rejects.toMatchObject({ kind: "config" });
  });
});
