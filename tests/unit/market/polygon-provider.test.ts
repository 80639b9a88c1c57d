import { beforeEach, describe, expect, it } from "vitest";
import { polygonProvider, polygonSearch } from "@/server/market/providers/polygon";
import { fixtureJson } from "../../support/replay-server";
import { readCsv, useProviders, useReplayServer } from "./setup";

describe("Polygon provider (replayed fixtures)", () => {
  const server = useReplayServer();
  beforeEach(() => {
    useProviders({ server, keys: ["polygon"], order: "polygon" });
  });

  it("parses daily aggregates (stamped at midnight US/Eastern) into session dates", async () => {
    server.on({ path: /^\/polygon\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\//, fixture: "polygon/aggs-aapl-day.json" });
    const bars = (await polygonProvider.daily("AAPL"))!;
    const rows = readCsv("AAPL").slice(-30);
    expect(bars.map((b) => b.time)).toEqual(rows.map((r) => r.date));
    expect(bars.at(-1)!.close).toBeCloseTo(170.73, 2);
    expect(server.requests[0]!.headers.authorization).toBe("Bearer test-polygon-key");
    expect(server.requests[0]!.query).toMatchObject({ adjusted: "true", sort: "asc" });
  });

  it("builds the quote from the last two daily aggregates", async () => {
    server.on({ path: /\/range\/1\/day\//, fixture: "polygon/aggs-aapl-day.json" });
    const rows = readCsv("AAPL");
    const q = (await polygonProvider.quote("AAPL"))!;
    expect(q.price).toBeCloseTo(rows.at(-1)!.close, 3);
    expect(q.previousClose).toBeCloseTo(rows.at(-2)!.close, 3);
    expect(q.time).toBe("2024-03-08");
  });

  it("falls back to the previous-close endpoint when the range has fewer than two bars", async () => {
    server.on({ path: /\/range\/1\/day\//, fixture: "polygon/aggs-empty.json" }, { path: "/polygon/v2/aggs/ticker/AAPL/prev", fixture: "polygon/prev-aapl.json" });
    const prev = fixtureJson<{ results: { c: number }[] }>("polygon/prev-aapl.json");
    const q = (await polygonProvider.quote("AAPL"))!;
    expect(q.price).toBe(prev.results[0]!.c);
  });

  it("reads an empty aggregate result as no data", async () => {
    server.on({ path: /\/range\//, fixture: "polygon/aggs-empty.json" });
    expect(await polygonProvider.daily("ZZZZ")).toBeNull();
  });

  it("asks for hourly aggregates with multiplier 4 for 4-hour bars", async () => {
    server.on({ path: /\/range\/4\/hour\//, fixture: "polygon/aggs-aapl-hour.json" });
    const bars = (await polygonProvider.intraday("AAPL", { intervalMin: 240, days: 30 }))!;
    expect(bars.length).toBeGreaterThan(0);
    expect(server.requests[0]!.path).toMatch(/\/range\/4\/hour\//);
  });

  it("maps ticker details to an overview and a 404 to an unknown symbol", async () => {
    server.on(
      { path: "/polygon/v3/reference/tickers/AAPL", fixture: "polygon/ticker-details-aapl.json" },
      { path: "/polygon/v3/reference/tickers/ZZZZ", status: 404, fixture: "polygon/ticker-details-unknown.json" },
    );
    const o = (await polygonProvider.overview("AAPL"))!;
    expect(o).toMatchObject({ symbol: "AAPL", name: "Apple Inc.", exchange: "XNAS", currency: "USD", marketCap: 2636278055000 });
    expect(await polygonProvider.overview("ZZZZ")).toBeNull();
  });

  it("classifies the ERROR body for too many requests as a rate limit", async () => {
    server.on({ path: /\/range\//, status: 429, fixture: "polygon/error-rate-limit.json" });
    await expect(polygonProvider.daily("AAPL")).rejects.toMatchObject({ kind: "rate_limited" });
    server.reset();
    server.on({ path: /\/range\//, fixture: "polygon/error-rate-limit.json" });
    await expect(polygonProvider.daily("AAPL")).rejects.toMatchObject({ kind: "rate_limited" });
  });

  it("searches reference tickers", async () => {
    server.on({ path: "/polygon/v3/reference/tickers", query: { search: "apple" }, fixture: "polygon/tickers-search-apple.json" });
    expect(await polygonSearch("apple")).toEqual([
      { symbol: "AAPL", name: "Apple Inc.", exchange: "XNAS" },
      { symbol: "APLE", name: "Apple Hospitality REIT, Inc.", exchange: "XNYS" },
    ]);
  });
});
