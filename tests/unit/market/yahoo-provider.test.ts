import { beforeEach, describe, expect, it } from "vitest";
import { cache } from "@/lib/cache";
import { AppError } from "@/lib/errors";
import { resetServicesForTests } from "@/lib/services";
import { KEYS } from "@/server/market/keys";
import { getIntraday, getOverview, getStock, searchTickersLive } from "@/server/market";
import { runChain } from "@/server/market/chain";
import { providerOrder } from "@/server/market/providers";
import { readFixture } from "../../support/replay-server";
import { clearMarketKeys, providerCallCount, readCsv, useProviders, useReplayServer } from "./setup";
import { Q1, Q2, yahooRoutes } from "./yahoo-routes";

const SYMBOLS = ["AAPL", "SPOT", "MSFT"];

describe("Yahoo Finance (replayed recordings of real answers)", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    useProviders({ server, order: "yahoo" });
    await clearMarketKeys(SYMBOLS);
    yahooRoutes(server);
  });

  it("serves a quote after the cookie and crumb handshake, with the crumb on the request", async () => {
    const r = await runChain({ op: "quote", symbol: "AAPL", call: (p) => p.quote("AAPL") });
    expect(r.source).toBe("yahoo");
    expect(r.value).toMatchObject({ price: 333.69, previousClose: 330.32, change: 3.37, changePercent: 1.02022, open: 333.205, high: 334.54, low: 330.61, volume: 31878433 });
    expect(r.value.time).toBe("2026-10-02T20:00:01.000Z");
    expect(server.calls(`${Q1}/v1/test/getcrumb`)).toHaveLength(1);
    expect(server.calls(`${Q2}/v7/finance/quote`, { symbols: "AAPL", crumb: "haT3oykhHqZ" })).toHaveLength(1);
  });

  it("answers for a symbol outside the shipped set: quote and daily bars", async () => {
    const s = await getStock({ symbol: "SPOT" });
    expect(s).toMatchObject({ symbol: "SPOT", price: 472.89, previousClose: 491.4, source: "yahoo", historical: false });
    expect(s.history).toEqual([{ date: "2020-01-02", price: 151.6199951171875 }]);
  });

  it("builds the company overview from the quote and the asset profile", async () => {
    const o = await getOverview({ symbol: "AAPL" });
    expect(o).toMatchObject({ source: "yahoo", name: "Apple Inc.", sector: "Technology", industry: "Consumer Electronics", exchange: "NasdaqGS", marketCap: 4869931925504, peRatio: 37.876274, eps: 8.81, week52High: 345.34, week52Low: 243.42, avgVolume: 46212088 });
    expect(o.dividendYield).toBeCloseTo(0.0033, 6);
    expect(o.description).toMatch(/^Apple Inc\. designs, manufactures/);
  });

  it("finds symbols by company name, stocks only, in Yahoo's order", async () => {
    const matches = await searchTickersLive({ q: "Bayerische Motoren Werke AG" });
    expect(matches[0]).toEqual({ symbol: "BMW.DE", name: "Bayerische Motoren Werke Aktiengesellschaft", exchange: "XETRA" });
    expect(matches.map((m) => m.symbol)).toEqual(["BMW.DE", "BMWD.XD", "BMW3.MU", "BMWKY", "BMW.F", "BMW3D.XD"]);
  });

  it("a 1-minute chart with no bars (Yahoo's recorded weekend answer) gives the 1D chart the last daily bars, labelled daily, no error", async () => {
    server.on({ path: `${Q2}/v8/finance/chart/AAPL`, query: { interval: "1m" }, fixture: "yahoo/chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json" });
    const d = await getIntraday({ symbol: "AAPL" });
    expect(server.calls(`${Q2}/v8/finance/chart/AAPL`, { interval: "1m" })).toHaveLength(1);
    expect(d.interval).toBe("1day");
    expect(d.points.length).toBeGreaterThan(0);
    expect(d.points.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.date))).toBe(true);
  });

  it("refuses a consent page where data was expected, logs why, and falls back without an error", async () => {
    server.on({ path: `${Q2}/v8/finance/chart/AAPL`, fixture: "yahoo/consent-collectConsent-prefix.html", headers: { "content-type": "text/html;charset=UTF-8" } });
    const before = await providerCallCount("yahoo", "garbage");
    const r = await runChain({ op: "daily", symbol: "AAPL", call: (p) => p.daily("AAPL") });
    expect(r.source).toBe("shipped");
    expect(r.value.at(-1)!.close).toBeCloseTo(readCsv("AAPL").at(-1)!.close, 6);
    expect(r.fellThrough[0]).toMatch(/yahoo: an HTML page instead of data \(consent or captcha page: "Yahoo is part of the Yahoo family of brands"\)/);
    expect((await providerCallCount("yahoo", "garbage")) - before).toBe(1);
    expect(server.calls(`${Q2}/v8/finance/chart/AAPL`)).toHaveLength(1);
  });

  it("refuses a truncated answer and keeps serving: the shipped set, or 'unavailable' (never a 500) without one", async () => {
    const whole = readFixture("yahoo/quote-SPOT.json");
    server.on({ path: `${Q2}/v7/finance/quote`, body: whole.slice(0, Math.floor(whole.length / 2)), headers: { "content-type": "application/json;charset=utf-8" } });
    const aapl = await runChain({ op: "quote", symbol: "AAPL", call: (p) => p.quote("AAPL") });
    expect(aapl.source).toBe("shipped");
    expect(aapl.fellThrough[0]).toMatch(/^yahoo: unusable answer/);
    const err = await getStock({ symbol: "SPOT" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("unavailable");
  });

  it("serves the last good quote when Yahoo starts failing", async () => {
    const good = await getStock({ symbol: "SPOT" });
    // The cached copy expires...
    await Promise.all([cache.del(KEYS.quote("SPOT")), cache.del(KEYS.daily("SPOT"))]);
    await resetServicesForTests({ keep: "all" });
    server.on({ path: `${Q2}/v7/finance/quote`, status: 503, body: "Service Unavailable" });
    const later = await getStock({ symbol: "SPOT" }); // ...and Yahoo fails: the last good quote answers, marked stale
    expect(later).toMatchObject({ symbol: "SPOT", price: good.price, source: "yahoo", asOf: good.asOf, stale: true });
  });

  it("is in the default order outside tests, after keyed providers, and left out under NODE_ENV=test", () => {
    // A production DATABASE_URL (CI sets one) would also need NEXTAUTH_SECRET: this case is about the order only.
    const databaseUrl = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    useProviders({});
    expect(providerOrder()).toEqual(["finnhub", "polygon", "alphavantage", "shipped"]);
    useProviders({ env: { NODE_ENV: "production" } });
    expect(providerOrder()).toEqual(["finnhub", "polygon", "alphavantage", "yahoo", "shipped"]);
    useProviders({ env: { NODE_ENV: "production", PROVIDER_ORDER: "polygon,shipped" } });
    expect(providerOrder()).toEqual(["polygon", "shipped"]);
    Object.assign(process.env, { NODE_ENV: "test" });
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
  });
});
