// Polygon.io, replayed from recorded real answers (OpenBB cassettes, polygon-io/client-python's saved bodies and the
// free plan's quoted 403/429 answers; tests/fixtures/providers/README.md names each source).
import { beforeEach, describe, expect, it } from "vitest";
import { shiftDate } from "@/server/market/bars";
import { nextPath, polygonProvider, polygonSearch } from "@/server/market/providers/polygon";
import { fixtureJson } from "../../support/replay-server";
import { useProviders, useReplayServer } from "./setup";

const DAY_RANGE = /^\/polygon\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\//;
const today = () => new Date().toISOString().slice(0, 10);
// The recorded 2023-01-03..10 answer, ascending (closes as Polygon gave them).
const JAN_2023 = [
  ["2023-01-03", 125.07],
  ["2023-01-04", 126.36],
  ["2023-01-05", 125.02],
  ["2023-01-06", 129.62],
  ["2023-01-09", 130.15],
  ["2023-01-10", 130.73],
];

describe("Polygon provider (replayed recordings)", () => {
  const server = useReplayServer();
  beforeEach(() => {
    useProviders({ server, keys: ["polygon"], order: "polygon" });
  });

  it("parses recorded daily aggregates (stamped at midnight US/Eastern) into session dates", async () => {
    server.on({ path: DAY_RANGE, fixture: "polygon/aggs-range-day-AAPL-asc.json" });
    const bars = (await polygonProvider.daily("AAPL"))!;
    expect(bars.map((b) => [b.time, b.close])).toEqual(JAN_2023);
    expect(bars[0]).toEqual({ time: "2023-01-03", open: 130.28, high: 130.9, low: 124.17, close: 125.07, volume: 112117471 });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer test-polygon-key");
    expect(server.requests[0]!.query).toMatchObject({ adjusted: "true", sort: "asc" });
    // EST and EDT midnights both land on their session date.
    server.reset();
    server.on({ path: DAY_RANGE, fixture: "polygon/aggs-range-day-AAPL-2005.json" });
    expect((await polygonProvider.daily("AAPL"))!.map((b) => b.time)).toEqual(["2005-04-01", "2005-04-04"]);
  });

  it("sorts a newest-first answer (the recorded sort=desc cassette) into ascending bars", async () => {
    server.on({ path: DAY_RANGE, fixture: "polygon/aggs-range-day-AAPL-desc.json" });
    expect((await polygonProvider.daily("AAPL"))!.map((b) => [b.time, b.close])).toEqual(JAN_2023);
  });

  it("asks again for two years when the free plan refuses ten (403 NOT_AUTHORIZED 'data timeframe'), and remembers it", async () => {
    const tenYears = shiftDate(today(), { years: -10, days: -7 });
    const twoYears = shiftDate(today(), { years: -2, days: 1 });
    server.on(
      { path: new RegExp(`/range/1/day/${tenYears}/`), status: 403, fixture: "polygon/error-403-not-authorized-timeframe.json" },
      { path: new RegExp(`/range/1/day/${twoYears}/`), fixture: "polygon/aggs-range-day-AAPL-asc.json" },
    );
    expect((await polygonProvider.daily("AAPL"))!.map((b) => b.time)).toEqual(JAN_2023.map(([d]) => d));
    expect(await polygonProvider.daily("AAPL")).toHaveLength(6);
    expect(server.requests.map((r) => r.path.split("/")[9])).toEqual([tenYears, twoYears, twoYears]);
  });

  it("asks for a top-up's window from its date, and for at most two years once the plan said so", async () => {
    const from = shiftDate(today(), { days: -20 });
    const old = shiftDate(today(), { years: -5 });
    const twoYears = shiftDate(today(), { years: -2, days: 1 });
    server.on({ path: new RegExp(`/range/1/day/${old}/`), status: 403, fixture: "polygon/error-403-not-authorized-timeframe.json" });
    server.on({ path: new RegExp(`/range/1/day/(${from}|${twoYears})/`), fixture: "polygon/aggs-range-day-AAPL-asc.json" });
    await polygonProvider.daily("AAPL", { from });
    await polygonProvider.daily("AAPL", { from: old });
    await polygonProvider.daily("AAPL", { from: old });
    expect(server.requests.map((r) => r.path.split("/")[9])).toEqual([from, old, twoYears, twoYears]);
  });

  it("keeps any other 403 (not entitled) as outside the plan", async () => {
    server.on({ path: DAY_RANGE, status: 403, fixture: "polygon/error-403-not-entitled.json" });
    await expect(polygonProvider.daily("AAPL")).rejects.toMatchObject({ kind: "unsupported" });
    expect(server.requests).toHaveLength(1);
  });

  it("follows next_url on the configured host (the recorded one points at api.massive.com)", async () => {
    const page1 = fixtureJson<Record<string, unknown>>("polygon/aggs-range-day-AAPL-asc.json");
    const cursor = new URL(fixtureJson<{ next_url: string }>("polygon/tickers-list-next_url.json").next_url).searchParams.get("cursor")!;
    const first = { ...page1, results: (page1.results as unknown[]).slice(0, 3), next_url: `https://api.massive.com/v2/aggs/ticker/AAPL/range/1/day/2023-01-01/2023-01-10?cursor=${cursor}` };
    const second = { ...page1, results: (page1.results as unknown[]).slice(3) };
    server.on({ path: DAY_RANGE, body: first }, { path: DAY_RANGE, query: { cursor }, body: second });
    expect((await polygonProvider.daily("AAPL"))!.map((b) => [b.time, b.close])).toEqual(JAN_2023);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers.authorization).toBe("Bearer test-polygon-key");
    expect(nextPath("https://api.massive.com/v3/reference/tickers?cursor=abc")).toBe("/v3/reference/tickers?cursor=abc");
  });

  it("builds the quote from the last two daily aggregates", async () => {
    server.on({ path: /\/range\/1\/day\//, fixture: "polygon/aggs-range-day-AAPL-asc.json" });
    const q = (await polygonProvider.quote("AAPL"))!;
    expect(q).toMatchObject({ price: 130.73, previousClose: 130.15, time: "2023-01-10" });
    expect(q.change).toBeCloseTo(0.58, 6);
  });

  it("takes the previous close from /prev's close, never from the session's open", async () => {
    // The range has only the session after the recorded /prev one (AAPL 2022-04-26: o 162.25, c 156.8).
    const after = { ticker: "AAPL", queryCount: 1, resultsCount: 1, adjusted: true, status: "OK", results: [{ v: 8.8e7, o: 158.98, c: 163.64, h: 164.515, l: 158.93, t: 1651089600000 }] };
    server.on({ path: /\/range\/1\/day\//, body: after }, { path: "/polygon/v2/aggs/ticker/AAPL/prev", fixture: "polygon/prev-AAPL.json" });
    const q = (await polygonProvider.quote("AAPL"))!;
    expect(q).toMatchObject({ price: 163.64, previousClose: 156.8, time: "2022-04-27" });
    expect(q.previousClose).not.toBe(162.25);
    // /prev alone is one session: no previous close to compare with, so no quote from Polygon.
    server.reset();
    server.on({ path: /\/range\/1\/day\//, fixture: "polygon/aggs-empty-shape.json" }, { path: "/polygon/v2/aggs/ticker/AAPL/prev", fixture: "polygon/prev-AAPL.json" });
    await expect(polygonProvider.quote("AAPL")).rejects.toThrow(/only one session \(2022-04-26\) known: no previous close/);
  });

  it("reads an empty aggregate result as no data", async () => {
    server.on({ path: /\/range\//, fixture: "polygon/aggs-empty-shape.json" });
    expect(await polygonProvider.daily("ZZZZ")).toBeNull();
  });

  it("builds 4-hour bars from the regular session's hourly aggregates (hand-written hourly answer: no recording exists)", async () => {
    server.on({ path: /\/range\/1\/hour\//, fixture: "polygon/aggs-hour-AAPL-handwritten.json" });
    const raw = fixtureJson<{ results: { t: number; v: number }[] }>("polygon/aggs-hour-AAPL-handwritten.json").results;
    const regular = raw.filter((r) => new Date(r.t).toLocaleTimeString("en-US", { timeZone: "America/New_York", hour12: false }) < "16:00:00");
    const bars = (await polygonProvider.intraday("AAPL", { intervalMin: 240, days: 30 }))!;
    expect(bars.reduce((a, b) => a + b.volume, 0)).toBe(regular.reduce((a, r) => a + r.v, 0));
    expect(regular.length).toBeLessThan(raw.length);
    expect(server.requests[0]!.path).toMatch(/\/range\/1\/hour\//);
  });

  it("maps recorded ticker details to an overview (exchange XNAS named NASDAQ) and a 404 to an unknown symbol", async () => {
    server.on(
      { path: "/polygon/v3/reference/tickers/AAPL", fixture: "polygon/ticker-details-AAPL.json" },
      { path: "/polygon/v3/reference/tickers/ZZZZ", status: 404, fixture: "polygon/ticker-details-unknown-shape.json" },
    );
    const o = (await polygonProvider.overview("AAPL"))!;
    expect(o).toMatchObject({ symbol: "AAPL", name: "Apple Inc.", exchange: "NASDAQ", currency: "USD", marketCap: 2488795282370, industry: "ELECTRONIC COMPUTERS" });
    expect(await polygonProvider.overview("ZZZZ")).toBeNull();
  });

  it("classifies the recorded 429 answer as a rate limit, with or without the status code", async () => {
    server.on({ path: /\/range\//, status: 429, fixture: "polygon/error-429-rate-limit.json" });
    await expect(polygonProvider.daily("AAPL")).rejects.toMatchObject({ kind: "rate_limited" });
    server.reset();
    server.on({ path: /\/range\//, fixture: "polygon/error-429-rate-limit.json" });
    await expect(polygonProvider.daily("AAPL")).rejects.toMatchObject({ kind: "rate_limited" });
  });

  it("searches reference tickers with exchange codes named", async () => {
    server.on({ path: "/polygon/v3/reference/tickers", query: { search: "a" }, fixture: "polygon/tickers-list-next_url.json" });
    expect(await polygonSearch("a")).toEqual([
      { symbol: "A", name: "Agilent Technologies Inc.", exchange: "NYSE" },
      { symbol: "AA", name: "Alcoa Corporation", exchange: "NYSE" },
    ]);
  });
});
