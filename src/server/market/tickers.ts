import "server-only";
// Watchlist, ticker search and the batch endpoint behind the home page's market overview.
import { getEnv } from "@/env";
import { AppError, badRequest } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { guardedCall } from "./guard";
import { isRecord } from "./http";
import { memo } from "./memo";
import { isOnline } from "./online";
import { PROVIDERS, providerOrder } from "./providers";
import { finnhubGet } from "./providers/finnhub";
import { polygonSearch } from "./providers/polygon";
import { shippedTickers } from "./providers/shipped";
import { yahooSearch } from "./providers/yahoo";
import type { BatchResult, TickerMatch } from "./schemas";
import { searchTickers } from "./ticker-search";
import { getStock } from "./stock";
import { getTimeseries } from "./timeseries";
import { symbolSchema, type TickerSummary } from "./types";

export const MAX_BATCH = 50;

export function getWatchlist(): string[] {
  const out: string[] = [];
  for (const raw of getEnv().WATCHLIST.split(",")) {
    const r = symbolSchema.safeParse(raw);
    if (r.success && !out.includes(r.data)) out.push(r.data);
  }
  return out;
}

/** The live provider that answers symbol searches: the first enabled one in PROVIDER_ORDER that has a search. */
function searchProvider(): "polygon" | "finnhub" | "yahoo" | null {
  if (!isOnline()) return null;
  const searchable = providerOrder().filter((n): n is "polygon" | "finnhub" | "yahoo" => (n === "polygon" || n === "finnhub" || n === "yahoo") && PROVIDERS[n].enabled());
  return searchable[0] ?? null;
}

/** Local matches first, then the first live provider's symbol search (Polygon reference tickers, Finnhub, Yahoo Finance). */
export async function searchTickersLive({ q, limit = 10 }: { q: string; limit?: number }): Promise<TickerMatch[]> {
  const out = searchTickers({ q, limit });
  const seen = new Set(out.map((m) => m.symbol));
  const add = (m: TickerMatch) => {
    if (out.length < limit && m.symbol && !seen.has(m.symbol) && symbolSchema.safeParse(m.symbol).success) {
      seen.add(m.symbol);
      out.push(m);
    }
  };
  const term = q.trim().toLowerCase();
  const provider = searchProvider();
  if (out.length >= limit || term.length < 2 || !provider) return out;
  try {
    // Search-as-you-type would spend a 5/min free tier in seconds: provider answers are cached for a day.
    const remote = await memo(`search:${term}`, async () => ({ value: { matches: await providerSearch(provider, provider === "yahoo" ? q.trim() : term) }, ttlSec: 24 * 60 * 60 }));
    for (const m of remote.matches) add(m);
  } catch (err) {
    logger.info("provider ticker search unavailable", { reason: (err as Error).message });
  }
  return out;
}

async function providerSearch(provider: "polygon" | "finnhub" | "yahoo", q: string): Promise<TickerMatch[]> {
  if (provider === "yahoo") return (await guardedCall({ provider, op: "search", call: () => yahooSearch(q) })) ?? [];
  if (provider === "polygon") {
    return (await guardedCall({ provider: "polygon", op: "search", call: () => polygonSearch(q) })) ?? [];
  }
  const body = await guardedCall({ provider: "finnhub", op: "search", call: () => finnhubGet("search", { q }) });
  const result = isRecord(body) && Array.isArray(body.result) ? body.result.filter(isRecord) : [];
  return result
    .filter((r) => r.type === "Common Stock")
    .map((r) => ({ symbol: String(r.symbol ?? ""), name: String(r.description ?? ""), exchange: "" }));
}

async function mapLimit<T, R>(items: T[], concurrency: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

export async function getTickersBatch({ symbols }: { symbols: string[] }): Promise<BatchResult> {
  const unique = [...new Set(symbols.map((s) => s.trim().toUpperCase()).filter(Boolean))];
  if (unique.length === 0) throw badRequest("symbols must list at least one symbol");
  if (unique.length > MAX_BATCH) throw badRequest(`At most ${MAX_BATCH} symbols per batch (got ${unique.length})`);
  const meta = shippedTickers();
  const results = await mapLimit(unique, 4, async (symbol) => {
    try {
      const s = await getStock({ symbol });
      const t: TickerSummary = {
        symbol: s.symbol,
        name: meta.get(s.symbol)?.name ?? null,
        price: s.price,
        change: s.change,
        changePercent: s.changePercent,
        sparkline: s.history.slice(-30).map((h) => h.price),
        source: s.source,
        asOf: s.asOf,
        historical: s.historical,
      };
      return { ok: t };
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError("internal", "Internal error");
      if (!(err instanceof AppError)) logger.error("batch symbol failed", { symbol, err });
      return { err: { symbol, error: { code: e.code, message: e.message } } };
    }
  });
  return {
    tickers: results.flatMap((r) => (r.ok ? [r.ok] : [])),
    errors: results.flatMap((r) => (r.err ? [r.err] : [])),
  };
}

/** Fills the cache for the watchlist (quote + recent history, and the default chart range). */
export async function warmWatchlist(): Promise<{ warmed: string[]; failed: string[] }> {
  const warmed: string[] = [];
  const failed: string[] = [];
  await mapLimit(getWatchlist(), 2, async (symbol) => {
    try {
      await getStock({ symbol });
      await getTimeseries({ symbol, range: "1M" });
      warmed.push(symbol);
    } catch (err) {
      logger.warn("warm failed", { symbol, err });
      failed.push(symbol);
    }
  });
  return { warmed: warmed.sort(), failed: failed.sort() };
}
