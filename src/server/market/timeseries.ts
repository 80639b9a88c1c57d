import "server-only";
// Chart series per range. Resolutions follow seed 000: 1D minute bars, 1W hourly, 1M 4-hourly,
// 3M..1Y daily, 2Y/5Y/10Y daily bars merged into 2/5/10-day bars. Without an intraday provider the
// short ranges are served from daily bars and `resolution` says so. Windows are anchored at the
// newest bar, so the shipped set's 1Y is 2023-03-08..2024-03-08, not "the last year from today".
import { badRequest } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { downsampleByCount, shiftDate, toPoint } from "./bars";
import { liveProvidersEnabled, runChain } from "./chain";
import { KEYS, TTL } from "./keys";
import { memo } from "./memo";
import { shippedAsOf } from "./providers/shipped";
import { getDaily, parseSymbol, ttlFor } from "./stock";
import { RANGES, type Bar, type IntradayResponse, type ProviderName, type Range, type TimeseriesResponse } from "./types";

type Spec =
  | { kind: "intraday"; intervalMin: 1 | 60 | 240; fetchDays: number; window: { days?: number; months?: number } | "session"; dailyFallback: { days?: number; months?: number } | { bars: number } }
  | { kind: "daily"; window: { months: number } | "ytd"; bucket: number };

export const RANGE_SPECS: Record<Range, Spec> = {
  "1D": { kind: "intraday", intervalMin: 1, fetchDays: 5, window: "session", dailyFallback: { bars: 5 } },
  "1W": { kind: "intraday", intervalMin: 60, fetchDays: 8, window: { days: 7 }, dailyFallback: { days: 7 } },
  "1M": { kind: "intraday", intervalMin: 240, fetchDays: 32, window: { months: 1 }, dailyFallback: { months: 1 } },
  "3M": { kind: "daily", window: { months: 3 }, bucket: 1 },
  "6M": { kind: "daily", window: { months: 6 }, bucket: 1 },
  YTD: { kind: "daily", window: "ytd", bucket: 1 },
  "1Y": { kind: "daily", window: { months: 12 }, bucket: 1 },
  "2Y": { kind: "daily", window: { months: 24 }, bucket: 2 },
  "5Y": { kind: "daily", window: { months: 60 }, bucket: 5 },
  "10Y": { kind: "daily", window: { months: 120 }, bucket: 10 },
};

export function parseRange(raw: string | undefined): Range {
  const r = (raw ?? "1M").toUpperCase();
  if (!(RANGES as readonly string[]).includes(r)) throw badRequest(`Invalid range "${raw}". Valid ranges: ${RANGES.join(", ")}`);
  return r as Range;
}

const etDate = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" });

/** Daily bars inside a range's window, anchored at the newest bar. */
export function dailyWindow(bars: Bar[], window: { days?: number; months?: number } | { bars: number } | "ytd"): Bar[] {
  const last = bars[bars.length - 1];
  if (!last) return [];
  if (typeof window === "object" && "bars" in window) return bars.slice(-window.bars);
  const anchor = last.time.slice(0, 10);
  const from = window === "ytd" ? `${anchor.slice(0, 4)}-01-01` : shiftDate(anchor, { months: -(window.months ?? 0), days: -(window.days ?? 0) });
  let i = bars.length;
  while (i > 0 && bars[i - 1]!.time >= from) i--;
  return bars.slice(i);
}

/** Intraday bars inside a window: "session" is the newest bar's US/Eastern trading day. */
export function intradayWindow(bars: Bar[], window: { days?: number; months?: number } | "session"): Bar[] {
  const last = bars[bars.length - 1];
  if (!last) return [];
  if (window === "session") {
    const day = etDate.format(new Date(last.time));
    let i = bars.length;
    while (i > 0 && etDate.format(new Date(bars[i - 1]!.time)) === day) i--;
    return bars.slice(i);
  }
  const lastMs = Date.parse(last.time);
  const fromMs = window.months ? Date.parse(shiftDate(last.time.slice(0, 10), { months: -window.months }) + last.time.slice(10)) : lastMs - (window.days ?? 0) * 86_400_000;
  return bars.filter((b) => Date.parse(b.time) >= fromMs);
}

interface Series {
  bars: Bar[];
  resolution: string;
  source: ProviderName;
  /** Newest underlying bar (a merged 2-day bar is stamped with its first session, but holds the last one). */
  newest?: string;
}

async function liveIntraday(sym: string, spec: Extract<Spec, { kind: "intraday" }>): Promise<Series | null> {
  if (!liveProvidersEnabled()) return null;
  const interval = `${spec.intervalMin}min`;
  try {
    const r = await memo(KEYS.intraday(interval, sym), async () => {
      const c = await runChain({
        op: "intraday",
        symbol: sym,
        only: (n) => n !== "shipped",
        intervalMin: spec.intervalMin,
        call: (p) => p.intraday(sym, { intervalMin: spec.intervalMin, days: spec.fetchDays }),
      });
      return { value: { bars: c.value, source: c.source }, ttlSec: TTL.intraday };
    });
    const bars = intradayWindow(r.bars, spec.window);
    return bars.length ? { bars, resolution: interval, source: r.source, newest: bars[bars.length - 1]!.time } : null;
  } catch (err) {
    logger.info("intraday unavailable, serving daily bars", { symbol: sym, interval, reason: (err as Error).message });
    return null;
  }
}

async function seriesFor(sym: string, range: Range): Promise<Series> {
  const spec = RANGE_SPECS[range];
  if (spec.kind === "intraday") {
    const live = await liveIntraday(sym, spec);
    if (live) return live;
    const d = await getDaily({ symbol: sym });
    const bars = dailyWindow(d.bars, spec.dailyFallback);
    return { bars, resolution: "1day", source: d.source, newest: bars[bars.length - 1]?.time };
  }
  const d = await getDaily({ symbol: sym });
  const bars = dailyWindow(d.bars, spec.window);
  return { bars: downsampleByCount(bars, spec.bucket), resolution: `${spec.bucket}day`, source: d.source, newest: bars[bars.length - 1]?.time };
}

function asOfFor(s: Series, symbol: string): string {
  if (s.newest) return s.newest;
  return s.source === "shipped" ? (shippedAsOf(symbol) ?? "") : new Date().toISOString();
}

export async function getTimeseries({ symbol, range }: { symbol: string; range: string }): Promise<TimeseriesResponse> {
  const sym = parseSymbol(symbol);
  const r = parseRange(range);
  return memo(KEYS.timeseries(r, sym), async () => {
    const s = await seriesFor(sym, r);
    const value: TimeseriesResponse = {
      symbol: sym,
      range: r,
      resolution: s.resolution,
      points: s.bars.map(toPoint),
      source: s.source,
      asOf: asOfFor(s, sym),
      historical: s.source === "shipped",
    };
    return { value, ttlSec: ttlFor(s.source, TTL.timeseries) };
  });
}

/** The latest session's minute bars; the last daily bars (interval "1day") when no provider has intraday data. */
export async function getIntraday({ symbol }: { symbol: string }): Promise<IntradayResponse> {
  const ts = await getTimeseries({ symbol, range: "1D" });
  return {
    symbol: ts.symbol,
    interval: ts.resolution,
    points: ts.points,
    source: ts.source,
    asOf: ts.asOf,
    historical: ts.historical,
    ...(ts.cached ? { cached: true } : {}),
  };
}
