import "server-only";
// Polygon.io (https://polygon.io/docs/stocks). Aggregates cover quote, daily and intraday; ticker
// details cover the overview. Errors come back as {"status":"ERROR","error":"..."}.
import { getEnv } from "@/env";
import { quoteFromBars, shiftDate } from "../bars";
import { fetchJson, isRecord, num, ProviderError, requireNum } from "../http";
import type { Bar, MarketProvider, Overview, Quote } from "../types";

const P = "polygon" as const;

export async function polygonGet(path: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const env = getEnv();
  const url = new URL(`${env.POLYGON_BASE_URL.replace(/\/$/, "")}${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let body: unknown;
  try {
    body = await fetchJson({ provider: P, url: url.toString(), headers: { Authorization: `Bearer ${env.POLYGON_API_KEY ?? ""}` } });
  } catch (err) {
    // Polygon answers an unknown ticker's details with 404 {"status":"NOT_FOUND"}.
    if (err instanceof ProviderError && err.kind === "client" && /HTTP 404/.test(err.message)) return { status: "NOT_FOUND" };
    throw err;
  }
  if (!isRecord(body)) throw new ProviderError(P, "garbage", "body is not an object");
  if (body.status === "ERROR") {
    const msg = String(body.error ?? body.message ?? "error");
    if (/exceeded the maximum requests|rate limit/i.test(msg)) throw new ProviderError(P, "rate_limited", msg, { retryAfterSec: 60 });
    if (/not entitled|upgrade your plan|NOT_AUTHORIZED/i.test(msg)) throw new ProviderError(P, "unsupported", msg);
    throw new ProviderError(P, "client", msg);
  }
  return body;
}

export function parsePolygonAggs(body: Record<string, unknown>, opts: { daily: boolean }): Bar[] | null {
  if (body.status === "NOT_FOUND") return null;
  const results = body.results;
  if (results === undefined) {
    if (num(body.resultsCount) === 0 || num(body.queryCount) === 0) return null;
    throw new ProviderError(P, "garbage", "aggregates without results");
  }
  if (!Array.isArray(results)) throw new ProviderError(P, "garbage", "results is not an array");
  if (results.length === 0) return null;
  return results.map((r) => {
    if (!isRecord(r)) throw new ProviderError(P, "garbage", "aggregate row is not an object");
    const iso = new Date(requireNum(P, r.t, "t")).toISOString();
    return {
      // Daily aggregates are stamped at midnight US/Eastern (04:00/05:00 UTC), so the UTC date is the session date.
      time: opts.daily ? iso.slice(0, 10) : iso,
      open: requireNum(P, r.o, "o"),
      high: requireNum(P, r.h, "h"),
      low: requireNum(P, r.l, "l"),
      close: requireNum(P, r.c, "c"),
      volume: num(r.v) ?? 0,
    };
  });
}

export function parsePolygonDetails(symbol: string, body: Record<string, unknown>): Overview | null {
  if (body.status === "NOT_FOUND") return null;
  const r = body.results;
  if (!isRecord(r)) throw new ProviderError(P, "garbage", "ticker details without results");
  if (typeof r.name !== "string") throw new ProviderError(P, "garbage", "ticker details without name");
  const o: Overview = {
    symbol: String(r.ticker ?? symbol).toUpperCase(),
    name: r.name,
    industry: typeof r.sic_description === "string" ? r.sic_description : undefined,
    exchange: typeof r.primary_exchange === "string" ? r.primary_exchange : undefined,
    currency: typeof r.currency_name === "string" ? r.currency_name.toUpperCase() : undefined,
    marketCap: num(r.market_cap),
    description: typeof r.description === "string" ? r.description : undefined,
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as Overview;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function aggs(symbol: string, multiplier: number, timespan: "minute" | "hour" | "day", from: string, to: string) {
  const body = await polygonGet(`/v2/aggs/ticker/${encodeURIComponent(symbol)}/range/${multiplier}/${timespan}/${from}/${to}`, {
    adjusted: "true",
    sort: "asc",
    limit: "50000",
  });
  return parsePolygonAggs(body, { daily: timespan === "day" });
}

export const polygonProvider: MarketProvider = {
  name: P,
  enabled: () => Boolean(getEnv().POLYGON_API_KEY),
  async quote(symbol): Promise<Quote | null> {
    // The free plan has end-of-day data: the last two daily aggregates give price and previous close.
    const bars = await aggs(symbol, 1, "day", shiftDate(today(), { days: -14 }), today());
    if (bars && bars.length >= 2) return quoteFromBars(symbol, bars);
    const prev = await polygonGet(`/v2/aggs/ticker/${encodeURIComponent(symbol)}/prev`, { adjusted: "true" });
    const one = parsePolygonAggs(prev, { daily: true });
    return one ? quoteFromBars(symbol, one) : null;
  },
  async daily(symbol) {
    return aggs(symbol, 1, "day", shiftDate(today(), { years: -10, days: -7 }), today());
  },
  async intraday(symbol, { intervalMin, days }) {
    const from = shiftDate(today(), { days: -Math.max(1, days) });
    return intervalMin === 1 ? aggs(symbol, 1, "minute", from, today()) : aggs(symbol, intervalMin / 60, "hour", from, today());
  },
  async overview(symbol) {
    return parsePolygonDetails(symbol, await polygonGet(`/v3/reference/tickers/${encodeURIComponent(symbol)}`));
  },
};

/** Reference ticker search (used by the ticker search box when a Polygon key is set). */
export async function polygonSearch(q: string): Promise<{ symbol: string; name: string; exchange: string }[]> {
  const body = await polygonGet("/v3/reference/tickers", { search: q, active: "true", market: "stocks", limit: "10" });
  if (!Array.isArray(body.results)) throw new ProviderError(P, "garbage", "search without results");
  return body.results.filter(isRecord).map((r) => ({
    symbol: String(r.ticker ?? ""),
    name: String(r.name ?? ""),
    exchange: String(r.primary_exchange ?? ""),
  }));
}
