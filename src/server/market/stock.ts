import "server-only";
// Quote, daily history and company overview through the chain and the cache.
import { badRequest } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { barStats, shiftDate } from "./bars";
import { loadDailySeries } from "./bar-store/daily-series";
import { noteInterest } from "./bar-store/interest";
import { liveProvidersEnabled, runChain } from "./chain";
import { KEYS, TTL } from "./keys";
import { memo } from "./memo";
import { lastGood, rememberGood } from "./last-good";
import { sharesOutstanding } from "./sec-edgar";
import { isOnline } from "./online";
import { AppError } from "@/lib/errors";
import { shippedTickers } from "./providers/shipped";
import { symbolSchema, type Bar, type OverviewResponse, type ProviderName, type StockResponse } from "./types";

export function parseSymbol(raw: string): string {
  const r = symbolSchema.safeParse(raw);
  if (!r.success) throw badRequest(r.error.issues[0]?.message ?? "Invalid symbol");
  return r.data;
}

/** TTL for a payload: the full TTL for live data (or when the shipped set is all there is), short for a fallback. */
export function ttlFor(source: ProviderName, full: number): number {
  return source === "shipped" && liveProvidersEnabled() ? TTL.fallback : full;
}

export interface DailyResult {
  bars: Bar[];
  source: ProviderName;
}

/** Full daily history. Shipped bars are already in memory, so only series with live bars go to the cache. */
export async function getDaily({ symbol }: { symbol: string }): Promise<DailyResult> {
  const sym = parseSymbol(symbol);
  return memo(KEYS.daily(sym), async () => {
    if (liveProvidersEnabled()) {
      // Shipped history + the bar store + a provider top-up of the missing tail (bar-store/daily-series.ts).
      const s = await loadDailySeries({ symbol: sym });
      return { value: { bars: s.bars, source: s.source }, ttlSec: s.ttlSec };
    }
    const r = await runChain({ op: "daily", symbol: sym, call: (p) => p.daily(sym) });
    return { value: { bars: r.value, source: r.source }, ttlSec: r.source === "shipped" ? 0 : TTL.daily };
  });
}

export async function getStock({ symbol }: { symbol: string }): Promise<StockResponse> {
  const sym = parseSymbol(symbol);
  try {
    return await loadStock(sym);
  } catch (err) {
    // Every provider failed just now: the last good live quote (marked stale) beats an error page.
    const failed = err instanceof AppError && (err.code === "unavailable" || (err.code === "not_found" && !isOnline()));
    const last = failed ? await lastGood<StockResponse>(KEYS.quote(sym)) : null;
    if (!last) throw err;
    logger.warn("serving the last good quote", { symbol: sym, asOf: last.asOf, reason: err instanceof Error ? err.message : String(err) });
    return last;
  }
}

async function loadStock(sym: string): Promise<StockResponse> {
  return memo(KEYS.quote(sym), async () => {
    const q = await runChain({ op: "quote", symbol: sym, call: (p) => p.quote(sym) });
    // Viewed: the daily refresh keeps its bars current (at most one write an hour per symbol).
    void noteInterest({ symbol: sym, kind: "view" });
    let history: StockResponse["history"] = [];
    let historySource: ProviderName | undefined;
    try {
      const d = await getDaily({ symbol: sym });
      const last = d.bars[d.bars.length - 1];
      if (last) {
        const from = shiftDate(last.time.slice(0, 10), { months: -1 });
        history = d.bars.filter((b) => b.time >= from).map((b) => ({ date: b.time, price: b.close }));
      }
      historySource = d.source;
    } catch (err) {
      logger.warn("stock history unavailable", { symbol: sym, err });
    }
    const value: StockResponse = {
      ...q.value,
      symbol: sym,
      history,
      source: q.source,
      asOf: q.value.time,
      historical: q.source === "shipped",
      ...(historySource && historySource !== q.source ? { historySource } : {}),
    };
    if (q.source !== "shipped") await rememberGood(KEYS.quote(sym), value);
    return { value, ttlSec: ttlFor(q.source, TTL.quote) };
  });
}

/** Shares outstanding (SEC EDGAR) times the live price, for a provider whose overview has no market cap. */
async function marketCapFromFilings(symbol: string): Promise<number | undefined> {
  const shares = await sharesOutstanding(symbol).catch(() => null);
  if (!shares) return undefined;
  const quote = await getStock({ symbol }).catch(() => null);
  // A historical price times today's share count would be neither then nor now.
  return quote && !quote.historical ? Math.round(shares.shares * quote.price) : undefined;
}

export async function getOverview({ symbol }: { symbol: string }): Promise<OverviewResponse> {
  const sym = parseSymbol(symbol);
  return memo(KEYS.overview(sym), async () => {
    const r = await runChain({ op: "overview", symbol: sym, call: (p) => p.overview(sym) });
    const o = { ...r.value, symbol: sym };
    let asOf = new Date().toISOString();
    let barsSource: ProviderName | undefined;
    // Providers without a 52-week range or average volume get them computed from the daily bars.
    if (o.week52High === undefined || o.week52Low === undefined || o.avgVolume === undefined || r.source === "shipped") {
      try {
        const d = await getDaily({ symbol: sym });
        const stats = barStats(d.bars);
        o.week52High ??= stats.week52High;
        o.week52Low ??= stats.week52Low;
        o.avgVolume ??= stats.avgVolume;
        barsSource = d.source;
        if (r.source === "shipped" && d.bars.length) asOf = d.bars[d.bars.length - 1]!.time;
      } catch (err) {
        logger.warn("overview stats unavailable", { symbol: sym, err });
      }
    }
    const meta = shippedTickers().get(sym);
    if (meta) {
      if (!o.name || o.name === sym) o.name = meta.name;
      o.sector ??= meta.sector || undefined;
      o.exchange ??= meta.exchange || undefined;
    }
    const capFromFilings = o.marketCap === undefined ? await marketCapFromFilings(sym) : undefined;
    if (capFromFilings) o.marketCap = capFromFilings;
    const value: OverviewResponse = {
      ...o,
      ...(capFromFilings ? { marketCapSource: "sec-edgar" as const } : {}),
      source: r.source,
      asOf,
      historical: r.source === "shipped",
      ...(barsSource && barsSource !== r.source ? { statsSource: barsSource } : {}),
    };
    return { value, ttlSec: ttlFor(r.source, TTL.overview) };
  });
}
