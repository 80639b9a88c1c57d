import "server-only";
// Polygon.io (https://polygon.io/docs/stocks). Aggregates cover quote, daily and intraday; ticker
// details cover the overview. Errors come back as {"status":"ERROR","error":"..."}.
import { getEnv } from "@/env";
import { onServicesReset } from "@/lib/services";
import { quoteFromBars, shiftDate, sortBars } from "../bars";
import { fetchJson, isRecord, num, ProviderError, requireNum } from "../http";
import { exchangeName } from "../exchanges";
import { regularSessionBars } from "../validate";
import type { Bar, MarketProvider, Overview, Quote } from "../types";

const P = "polygon" as const;

export async function polygonGet(path: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const env = getEnv();
  // `path` may carry its own query (a next_url's cursor).
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
  // sort=asc is asked for, but a recorded answer comes newest first when sort=desc was sent: never trust the order.
  return sortBars(results.map((r) => {
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
  }));
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
    exchange: exchangeName(typeof r.primary_exchange === "string" ? r.primary_exchange : undefined),
    currency: typeof r.currency_name === "string" ? r.currency_name.toUpperCase() : undefined,
    marketCap: num(r.market_cap),
    description: typeof r.description === "string" ? r.description : undefined,
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as Overview;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const MAX_PAGES = 10;

/**
 * The path and query of a `next_url`, to be asked of the configured base URL: the key is never sent to another
 * host (the recorded next_url points at api.massive.com after the 2025 rebrand).
 */
export function nextPath(nextUrl: unknown): string | null {
  if (typeof nextUrl !== "string" || !nextUrl) return null;
  try {
    const u = new URL(nextUrl);
    return `${u.pathname}${u.search}`;
  } catch {
    return null;
  }
}

/** Every page of an aggregates answer (following next_url), as ascending bars; null when there are none. */
async function aggs(symbol: string, multiplier: number, timespan: "minute" | "hour" | "day", from: string, to: string): Promise<Bar[] | null> {
  let body = await polygonGet(`/v2/aggs/ticker/${encodeURIComponent(symbol)}/range/${multiplier}/${timespan}/${from}/${to}`, {
    adjusted: "true",
    sort: "asc",
    limit: "50000",
  });
  const bars: Bar[] = [];
  for (let page = 1; ; page++) {
    bars.push(...(parsePolygonAggs(body, { daily: timespan === "day" }) ?? []));
    const next = nextPath(body.next_url);
    if (!next || page >= MAX_PAGES) break;
    body = await polygonGet(next);
  }
  if (bars.length === 0) return null;
  // Pages may overlap at their edges: keep one bar per time.
  return sortBars(bars).filter((b, i, all) => i === 0 || all[i - 1]!.time !== b.time);
}

// The free plan serves two years of daily history: a longer window is HTTP 403 NOT_AUTHORIZED "Your plan doesn't
// include this data timeframe". Remembered for a day so each daily fetch costs one request of the 5 a minute.
const TIMEFRAME = /doesn't include this data timeframe/i;
const PLAN_MEMORY_MS = 24 * 60 * 60_000;
let shortWindowUntil = 0;
onServicesReset(() => {
  shortWindowUntil = 0;
});

/** Daily bars from `from` (default: ten years back), within the two free years once the plan said so. */
async function dailyBars(symbol: string, { from }: { from?: string } = {}): Promise<Bar[] | null> {
  const to = today();
  const twoYears = shiftDate(to, { years: -2, days: 1 });
  const start = from ?? shiftDate(to, { years: -10, days: -7 });
  if (start >= twoYears || shortWindowUntil > Date.now()) return aggs(symbol, 1, "day", start > twoYears ? start : twoYears, to);
  try {
    return await aggs(symbol, 1, "day", start, to);
  } catch (err) {
    if (!(err instanceof ProviderError && err.kind === "unsupported" && TIMEFRAME.test(err.message))) throw err;
    shortWindowUntil = Date.now() + PLAN_MEMORY_MS;
    return aggs(symbol, 1, "day", twoYears, to);
  }
}

/**
 * Price and previous close from the last two sessions. The range answer normally has them; otherwise /prev (the
 * previous session's bar) supplies the previous close. One session alone has no previous close to compare with.
 */
async function quote(symbol: string): Promise<Quote | null> {
  const recent = (await aggs(symbol, 1, "day", shiftDate(today(), { days: -14 }), today())) ?? [];
  if (recent.length >= 2) return quoteFromBars(symbol, recent);
  const prev = parsePolygonAggs(await polygonGet(`/v2/aggs/ticker/${encodeURIComponent(symbol)}/prev`, { adjusted: "true" }), { daily: true }) ?? [];
  const sessions = sortBars([...prev, ...recent]).filter((b, i, all) => i === 0 || all[i - 1]!.time !== b.time);
  if (sessions.length === 0) return null;
  if (sessions.length < 2) throw new ProviderError(P, "client", `only one session (${sessions[0]!.time}) known: no previous close`);
  return quoteFromBars(symbol, sessions);
}

export const polygonProvider: MarketProvider = {
  name: P,
  enabled: () => Boolean(getEnv().POLYGON_API_KEY),
  quote,
  daily: (symbol, opts) => dailyBars(symbol, opts),
  async intraday(symbol, { intervalMin, days }) {
    const from = shiftDate(today(), { days: -Math.max(1, days) });
    // Aggregates include pre- and after-market bars: build from the regular session's minute or hour bars.
    return regularSessionBars(await aggs(symbol, 1, intervalMin === 1 ? "minute" : "hour", from, today()), intervalMin);
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
    exchange: exchangeName(String(r.primary_exchange ?? "")) ?? "",
  }));
}
