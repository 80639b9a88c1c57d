import { readdirSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { getTickersBatch, getWatchlist, marketHealth, searchTickers, searchTickersLive, warmWatchlist } from "@/server/market";
import { cache } from "@/lib/cache";
import { clearMarketKeys, readCsv, useProviders, useReplayServer } from "./setup";

describe("watchlist, search, batch and provider health", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    await clearMarketKeys(["AAPL", "MSFT", "TSLA", "ZZZZ", "JPM"]);
  });

  it("reads the watchlist from WATCHLIST, normalized and de-duplicated", () => {
    useProviders({ env: { WATCHLIST: "aapl, MSFT,AAPL,bad$sym,jpm" } });
    expect(getWatchlist()).toEqual(["AAPL", "MSFT", "JPM"]);
  });

  it("finds tickers by symbol and by company name", () => {
    useProviders();
    expect(searchTickers({ q: "aapl" })[0]).toEqual({ symbol: "AAPL", name: "Apple Inc.", exchange: "NASDAQ" });
    expect(searchTickers({ q: "tesla" }).map((m) => m.symbol)).toEqual(["TSLA"]);
    expect(searchTickers({ q: "micro" }).map((m) => m.symbol)).toEqual(expect.arrayContaining(["MSFT", "AMD"]));
    expect(searchTickers({ q: "" })).toEqual([]);
  });

  it("adds Polygon's reference-ticker matches after local ones, asking Polygon once per term", async () => {
    useProviders({ server, keys: ["polygon"], order: "polygon" });
    await cache.del("search:apple");
    server.on({ path: "/polygon/v3/reference/tickers", query: { search: "apple" }, fixture: "polygon/tickers-search-apple-handwritten.json" });
    const expected = [
      { symbol: "AAPL", name: "Apple Inc.", exchange: "NASDAQ" },
      { symbol: "APLE", name: "Apple Hospitality REIT, Inc.", exchange: "NYSE" },
    ];
    expect(await searchTickersLive({ q: "Apple" })).toEqual(expected);
    expect(await searchTickersLive({ q: "apple " })).toEqual(expected);
    expect(server.calls("/polygon/v3/reference/tickers")).toHaveLength(1);
  });

  it("summarizes a batch, reporting unknown symbols per symbol instead of failing", async () => {
    useProviders();
    const r = await getTickersBatch({ symbols: ["AAPL", "msft", "AAPL", "ZZZZ"] });
    expect(r.tickers.map((t) => t.symbol)).toEqual(["AAPL", "MSFT"]);
    const aapl = readCsv("AAPL");
    expect(r.tickers[0]).toMatchObject({ name: "Apple Inc.", source: "shipped", historical: true, asOf: "2024-03-08" });
    expect(r.tickers[0]!.price).toBeCloseTo(aapl.at(-1)!.close, 6);
    expect(r.tickers[0]!.sparkline.at(-1)).toBeCloseTo(aapl.at(-1)!.close, 6);
    expect(r.errors).toEqual([{ symbol: "ZZZZ", error: { code: "not_found", message: "Unknown symbol ZZZZ" } }]);
  });

  it("refuses batches over 50 symbols", async () => {
    useProviders();
    const symbols = Array.from({ length: 51 }, (_, i) => `S${i}`);
    await expect(getTickersBatch({ symbols })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("warms the cache for every watchlist symbol", async () => {
    useProviders({ env: { WATCHLIST: "AAPL,MSFT,ZZZZ" } });
    expect(await warmWatchlist()).toEqual({ warmed: ["AAPL", "MSFT"], failed: ["ZZZZ"] });
    expect(await cache.get("av:quote:MSFT")).toMatchObject({ symbol: "MSFT", source: "shipped" });
  });

  it("reports the shipped set up and providers without keys as disabled", async () => {
    useProviders();
    const h = await marketHealth();
    expect(h.find((p) => p.name === "shipped")).toMatchObject({ status: "up", enabled: true });
    expect(h.find((p) => p.name === "shipped")!.detail).toBe(`${readdirSync("data").filter((f) => f.endsWith(".csv") && f !== "tickers.csv").length} symbols`);
    expect(h.filter((p) => p.name !== "shipped").map((p) => [p.status, p.state])).toEqual(Array(3).fill(["disabled", "not_configured"]));
  });

  it("reports the shipped set down when its folder is missing", async () => {
    useProviders({ env: { MARKET_DATA_DIR: "/nonexistent/market-data" } });
    expect((await marketHealth()).find((p) => p.name === "shipped")!.status).toBe("down");
  });

  it("probes a live provider once and reports a rate-limited one as degraded", async () => {
    useProviders({ server, keys: ["finnhub", "polygon"], order: "finnhub,polygon" });
    server.on({ path: "/finnhub/quote", fixture: "finnhub/quote-AAPL.json" });
    server.on({ path: /^\/polygon\//, status: 429, fixture: "polygon/error-429-rate-limit.json" });
    const first = await marketHealth();
    expect(first.find((p) => p.name === "finnhub")).toMatchObject({ status: "up", state: "ok", enabled: true });
    expect(first.find((p) => p.name === "finnhub")!.latencyMs).toBeGreaterThanOrEqual(0);
    const limited = first.find((p) => p.name === "polygon")!;
    expect(limited).toMatchObject({ status: "degraded", state: "limited" });
    // The 429 carried no Retry-After: limited for a minute from the answer.
    expect(Date.parse(limited.limitedUntil!) - Date.now()).toBeGreaterThan(30_000);
    expect(Date.parse(limited.limitedUntil!) - Date.now()).toBeLessThanOrEqual(60_000);
    const second = await marketHealth();
    expect(second.find((p) => p.name === "polygon")).toMatchObject({ status: "degraded", state: "limited", limitedUntil: limited.limitedUntil });
    expect(server.calls("/finnhub/quote")).toHaveLength(1);
  });
});
