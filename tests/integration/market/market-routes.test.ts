import { beforeEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as intradayGET } from "@/app/api/intraday/[symbol]/route";
import { GET as newsGET } from "@/app/api/news/route";
import { GET as overviewGET } from "@/app/api/overview/[symbol]/route";
import { GET as stockGET } from "@/app/api/stock/[symbol]/route";
import { GET as batchGET } from "@/app/api/tickers/batch/route";
import { GET as searchGET } from "@/app/api/tickers/search/route";
import { GET as timeseriesGET } from "@/app/api/timeseries/[symbol]/route";
import { clearMarketKeys, readCsv, useProviders, useReplayServer } from "../../unit/market/setup";

const req = (path: string) => new NextRequest(new URL(path, "http://localhost:3000"));
const seg = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

describe("market REST routes", () => {
  const aapl = readCsv("AAPL");
  beforeEach(async () => {
    useProviders();
    await clearMarketKeys(["AAPL", "MSFT", "ZZZZ"]);
  });

  it("GET /api/stock/AAPL: quote, history and provenance headers", async () => {
    const res = await stockGET(req("/api/stock/aapl"), seg({ symbol: "aapl" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Data-Source")).toBe("shipped");
    expect(res.headers.get("X-Data-As-Of")).toBe("2024-03-08");
    const body = await res.json();
    expect(body).toMatchObject({ symbol: "AAPL", source: "shipped", historical: true });
    expect(body.price).toBeCloseTo(aapl.at(-1)!.close, 6);
    expect(body.previousClose).toBeCloseTo(aapl.at(-2)!.close, 6);
  });

  it("400 for an invalid symbol, 404 for an unknown one, both in the error shape", async () => {
    const bad = await stockGET(req("/api/stock/AA$PL"), seg({ symbol: "AA$PL" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "bad_request", message: expect.stringContaining("Symbol must be 1-10 characters") });
    const tooLong = await overviewGET(req("/api/overview/ABCDEFGHIJK"), seg({ symbol: "ABCDEFGHIJK" }));
    expect(tooLong.status).toBe(400);
    const unknown = await stockGET(req("/api/stock/ZZZZ"), seg({ symbol: "ZZZZ" }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "not_found", message: "Unknown symbol ZZZZ" } });
  });

  it("GET /api/timeseries/{symbol}?range=: points at the range's resolution; 400 listing valid ranges", async () => {
    const res = await timeseriesGET(req("/api/timeseries/AAPL?range=2Y"), seg({ symbol: "AAPL" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ symbol: "AAPL", range: "2Y", resolution: "2day", source: "shipped", asOf: "2024-03-08" });
    expect(body.points).toHaveLength(Math.ceil(aapl.filter((r) => r.date >= "2022-03-08").length / 2));
    const bad = await timeseriesGET(req("/api/timeseries/AAPL?range=7Y"), seg({ symbol: "AAPL" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("Valid ranges: 1D, 1W, 1M, 3M, 6M, YTD, 1Y, 2Y, 5Y, 10Y");
    const unknown = await timeseriesGET(req("/api/timeseries/ZZZZ?range=1Y"), seg({ symbol: "ZZZZ" }));
    expect(unknown.status).toBe(404);
  });

  it("GET /api/intraday and /api/overview", async () => {
    const intraday = await (await intradayGET(req("/api/intraday/AAPL"), seg({ symbol: "AAPL" }))).json();
    expect(intraday).toMatchObject({ symbol: "AAPL", interval: "1day", source: "shipped" });
    expect(intraday.points.at(-1).date).toBe("2024-03-08");
    const res = await overviewGET(req("/api/overview/MSFT"), seg({ symbol: "MSFT" }));
    expect(res.headers.get("X-Data-Source")).toBe("shipped");
    expect(await res.json()).toMatchObject({ symbol: "MSFT", name: "Microsoft", exchange: "NASDAQ" });
  });

  it("GET /api/tickers/batch: de-duplicates, reports per-symbol errors, refuses more than 50", async () => {
    const res = await batchGET(req("/api/tickers/batch?symbols=AAPL,MSFT,aapl,ZZZZ,BAD$"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.tickers.map((t: { symbol: string }) => t.symbol)).toEqual(["AAPL", "MSFT"]);
    expect(body.errors.map((e: { symbol: string; error: { code: string } }) => [e.symbol, e.error.code])).toEqual([
      ["ZZZZ", "not_found"],
      ["BAD$", "bad_request"],
    ]);
    const many = Array.from({ length: 51 }, (_, i) => `T${i}`).join(",");
    const tooMany = await batchGET(req(`/api/tickers/batch?symbols=${many}`));
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.message).toContain("At most 50 symbols");
    expect((await batchGET(req("/api/tickers/batch"))).status).toBe(400);
  });

  it("GET /api/tickers/search?q=: matches by symbol and name", async () => {
    const body = await (await searchGET(req("/api/tickers/search?q=apple"))).json();
    expect(body.results[0]).toEqual({ symbol: "AAPL", name: "Apple Inc.", exchange: "NASDAQ" });
    expect((await searchGET(req("/api/tickers/search?q="))).status).toBe(400);
  });

  it("GET /api/news without keys: 200 with an empty list and a reason", async () => {
    const res = await newsGET(req("/api/news?symbol=AAPL&limit=3"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ articles: [], source: null, configured: false, reason: "No news provider is connected to this site" });
    expect((await newsGET(req("/api/news?limit=500"))).status).toBe(400);
  });
});

describe("market REST routes with live providers replayed", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    await clearMarketKeys(["AAPL"]);
  });

  it("serves the next provider when the first answers 429, and labels the response live", async () => {
    useProviders({ server, keys: ["finnhub", "polygon"], order: "finnhub,polygon" });
    server.on({ path: /^\/finnhub\//, status: 429, fixture: "finnhub/error-429-shape.json" });
    server.on({ path: /^\/polygon\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\//, fixture: "polygon/aggs-range-day-AAPL-asc.json" });
    const res = await stockGET(req("/api/stock/AAPL"), seg({ symbol: "AAPL" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Data-Source")).toBe("polygon");
    const body = await res.json();
    expect(body).toMatchObject({ source: "polygon", historical: false, asOf: "2023-01-10", price: 130.73 });
  });

  it("serves the shipped set, labelled historical, when every live provider fails", async () => {
    useProviders({ server, keys: ["polygon"], order: "polygon" });
    server.on({ path: /^\/polygon\//, fixture: "garbage-html.txt" });
    const res = await stockGET(req("/api/stock/AAPL"), seg({ symbol: "AAPL" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Data-Source")).toBe("shipped");
    expect((await res.json()).historical).toBe(true);
  });
});
