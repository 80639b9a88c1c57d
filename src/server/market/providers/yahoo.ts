import "server-only";
// Yahoo Finance through yahoo-finance2: the keyless live default (quotes 15 minutes delayed for most US
// listings). quote() and quoteSummary() need Yahoo's cookie + crumb, which the library fetches once;
// chart() and search() do not. Every answer still goes through the chain's validation.
import { aggregateByTime } from "../bars";
import type { TickerMatch } from "../schemas";
import type { Bar, MarketProvider, Overview, Quote } from "../types";
import { isUnknownSymbol, yahoo, yahooError } from "./yahoo-client";

/** How the source is named on pages and in API answers. */
export const YAHOO_LABEL = "Yahoo Finance, 15-min delayed";
const DAY_MS = 86_400_000;
/** Daily history asked for: the shipped set's ten years and then some, so every chart range fills. */
const DAILY_YEARS = 20;
/**
 * yahoo-finance2's schemas trail Yahoo's answers (a real March 2026 search answer fails 3.13's): its
 * validation would switch Yahoo off until the library catches up. Types are still coerced; the values are
 * checked here and by the chain (validate.ts) instead.
 */
const LENIENT = { validateResult: false } as const;

async function call<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    if (isUnknownSymbol(err)) return null;
    throw yahooError(err);
  }
}

/** The parts of yahoo-finance2's (unvalidated) answers this file reads. */
interface YChart {
  meta?: { gmtoffset?: number };
  quotes?: ChartQuote[];
}
interface YSummary {
  assetProfile?: { sector?: string; industry?: string; longBusinessSummary?: string };
}
interface YSearch {
  quotes?: { isYahooFinance?: boolean; symbol?: string; quoteType?: string; longname?: string; shortname?: string; exchDisp?: string }[];
}
type ChartQuote = { date: Date | number; open: number | null; high: number | null; low: number | null; close: number | null; volume: number | null; adjclose?: number | null };

/** Chart rows as bars: rows with a missing price (a halted minute, an unfinished session) are dropped. */
export function chartBars(quotes: ChartQuote[], { daily, gmtOffsetSec }: { daily: boolean; gmtOffsetSec: number }): Bar[] {
  const out: Bar[] = [];
  for (const q of quotes) {
    if (q.open == null || q.high == null || q.low == null || q.close == null) continue;
    // A daily row is stamped at the session's open in UTC; the exchange's own date is what it is "for".
    const ms = q.date instanceof Date ? q.date.getTime() : Number(q.date) * 1000;
    if (!Number.isFinite(ms)) continue;
    const time = daily ? new Date(ms + gmtOffsetSec * 1000).toISOString().slice(0, 10) : new Date(ms).toISOString();
    out.push({
      time,
      open: q.open,
      high: q.high,
      low: q.low,
      close: q.close,
      ...(daily && q.adjclose != null ? { adjClose: q.adjclose } : {}),
      volume: q.volume ?? 0,
    });
  }
  return out;
}

async function bars(symbol: string, opts: { interval: "1d" | "1m" | "60m"; days: number }): Promise<Bar[] | null> {
  const result = await call(async () => (await yahoo().chart(symbol, { period1: new Date(Date.now() - opts.days * DAY_MS), interval: opts.interval, return: "array" }, LENIENT)) as unknown as YChart);
  if (!result) return null;
  if (!Array.isArray(result.quotes)) throw yahooError(new Error("unusable answer: chart without quotes"));
  const list = chartBars(result.quotes, { daily: opts.interval === "1d", gmtOffsetSec: result.meta?.gmtoffset ?? 0 });
  return list.length ? list : null;
}

type YQuote = Awaited<ReturnType<ReturnType<typeof yahoo>["quote"]>>;
async function rawQuote(symbol: string): Promise<Exclude<YQuote, unknown[]> | null> {
  const q = await call(() => yahoo().quote(symbol, {}, LENIENT));
  const one = Array.isArray(q) ? q[0] : q;
  return one && typeof one.regularMarketPrice === "number" && one.symbol?.toUpperCase() === symbol ? (one as Exclude<YQuote, unknown[]>) : null;
}

export const yahooProvider: MarketProvider = {
  name: "yahoo",
  // Keyless: on whenever PROVIDER_ORDER names it (the default outside tests).
  enabled: () => true,
  async quote(symbol) {
    const q = await rawQuote(symbol);
    if (!q) return null;
    const price = q.regularMarketPrice!;
    const previousClose = q.regularMarketPreviousClose ?? price - (q.regularMarketChange ?? 0);
    const time = q.regularMarketTime instanceof Date ? q.regularMarketTime : new Date(Number(q.regularMarketTime) * 1000);
    const out: Quote = {
      symbol,
      price,
      previousClose,
      change: q.regularMarketChange ?? price - previousClose,
      changePercent: q.regularMarketChangePercent ?? (previousClose ? ((price - previousClose) / previousClose) * 100 : 0),
      open: q.regularMarketOpen,
      high: q.regularMarketDayHigh,
      low: q.regularMarketDayLow,
      volume: q.regularMarketVolume,
      time: time.toISOString(),
    };
    return out;
  },
  // A top-up (`from`) asks only for the sessions since then; otherwise twenty years.
  daily: (symbol, opts) =>
    bars(symbol, { interval: "1d", days: opts?.from ? Math.ceil((Date.now() - Date.parse(opts.from)) / DAY_MS) + 1 : DAILY_YEARS * 366 }),
  async intraday(symbol, { intervalMin, days }) {
    // Yahoo keeps 1-minute bars for about a week and hourly ones for about two years; 4-hour bars are built.
    if (intervalMin === 1) return bars(symbol, { interval: "1m", days: Math.min(7, Math.max(1, days)) });
    const hourly = await bars(symbol, { interval: "60m", days: Math.min(700, Math.max(1, days)) });
    return hourly && intervalMin > 60 ? aggregateByTime(hourly, intervalMin) : hourly;
  },
  async overview(symbol) {
    const q = await rawQuote(symbol);
    if (!q) return null;
    // The profile (sector, industry, description) is a second call; a quote's facts stand without it.
    const summary = await call(async () => (await yahoo().quoteSummary(symbol, { modules: ["assetProfile"] }, LENIENT)) as unknown as YSummary).catch(() => null);
    const profile = summary?.assetProfile;
    const o: Overview = {
      symbol,
      name: q.longName ?? q.shortName ?? q.displayName ?? symbol,
      sector: profile?.sector ?? undefined,
      industry: profile?.industry ?? undefined,
      exchange: q.fullExchangeName ?? undefined,
      currency: q.currency ?? undefined,
      marketCap: q.marketCap ?? undefined,
      peRatio: q.trailingPE ?? undefined,
      eps: q.epsTrailingTwelveMonths ?? undefined,
      // Yahoo gives the indicated yield in percent (0.33 = 0.33 %); the overview carries fractions.
      dividendYield: typeof q.dividendYield === "number" ? q.dividendYield / 100 : undefined,
      description: profile?.longBusinessSummary ?? undefined,
      week52High: q.fiftyTwoWeekHigh ?? undefined,
      week52Low: q.fiftyTwoWeekLow ?? undefined,
      avgVolume: q.averageDailyVolume3Month ?? undefined,
    };
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as Overview;
  },
};

/** Symbol search by name or ticker: stocks and funds only (no options, currencies or news hits). */
export async function yahooSearch(q: string): Promise<TickerMatch[]> {
  const r = await call(async () => (await yahoo().search(q, { quotesCount: 10, newsCount: 0 }, LENIENT)) as unknown as YSearch);
  const out: TickerMatch[] = [];
  for (const h of Array.isArray(r?.quotes) ? r.quotes : []) {
    if (!h.isYahooFinance || !h.symbol || !["EQUITY", "ETF"].includes(h.quoteType ?? "")) continue;
    out.push({ symbol: h.symbol.toUpperCase(), name: (h.longname ?? h.shortname ?? h.symbol).trim(), exchange: h.exchDisp ?? "" });
  }
  return out;
}
