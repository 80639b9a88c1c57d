import "server-only";
// A symbol's daily history while live providers are configured: the shipped set, joined with the bars
// stored from earlier fetches, joined with a fresh provider top-up that asks only for the missing tail
// (from ten days before the newest stored bar: the overlap the join checks). An accepted top-up is written
// to the bar store; a refused one (overlap disagrees, a gap, a truncated or partly invalid answer) writes
// nothing, is logged, and the last good series keeps serving. See docs/market-data.md.
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { shiftDate } from "../bars";
import { runChain } from "../chain";
import { dailyRefused } from "../data-health";
import { TTL } from "../keys";
import { shippedBars } from "../providers/shipped";
import type { Bar, ProviderName } from "../types";
import { joinSeries } from "./join";
import { barStore, type StoredBar } from "./store";

/** Calendar days of already-held history a top-up asks for again, so the join has sessions to compare. */
export const TOP_UP_OVERLAP_DAYS = 10;

export interface DailySeries {
  bars: Bar[];
  /** The source of the newest bar. */
  source: ProviderName;
  ttlSec: number;
  /** What the top-up did, for logs and the refresh job: "skipped: fetched 3 min ago", "stored 1 new bar", ... */
  topUp: string;
  /** Bars the top-up added after the previously newest bar. */
  added: number;
}

const strip = ({ source: _s, fetchedAt: _f, ...bar }: StoredBar): Bar => bar;

/** Shipped history joined with the stored bars; stored bars alone when the two do not overlap or disagree. */
export function assemble({ symbol, shipped, stored }: { symbol: string; shipped: Bar[]; stored: StoredBar[] }): { bars: Bar[]; source: ProviderName } {
  if (stored.length === 0) return { bars: shipped, source: "shipped" };
  const source = stored[stored.length - 1]!.source as ProviderName;
  const bars = stored.map(strip);
  if (shipped.length === 0) return { bars, source };
  const j = joinSeries({ older: shipped, newer: bars });
  if (j.ok) return { bars: j.bars, source };
  // Disjoint is expected (a provider whose window starts after the shipped set ends); disagreement is not.
  (j.disjoint ? logger.debug : logger.warn)("shipped history not joined to stored bars", { symbol, reason: j.reason });
  return { bars, source };
}

async function readStored(symbol: string): Promise<StoredBar[] | null> {
  try {
    return await barStore().read(symbol);
  } catch (err) {
    logger.warn("bar store unreadable, serving without it", { symbol, err });
    return null;
  }
}

/**
 * The served daily series. `force` skips the "fetched within TTL.daily" shortcut (the daily refresh).
 * Throws only when there is nothing to serve (the chain's 404 or 503).
 */
export async function loadDailySeries({ symbol, force = false, now = new Date() }: { symbol: string; force?: boolean; now?: Date }): Promise<DailySeries> {
  const shipped = shippedBars(symbol) ?? [];
  const stored = await readStored(symbol);
  const current = assemble({ symbol, shipped, stored: stored ?? [] });
  const newest = stored?.[stored.length - 1];
  const serve = (topUp: string, ttlSec: number, added = 0): DailySeries => ({ ...current, ttlSec: current.source === "shipped" ? TTL.fallback : ttlSec, topUp, added });
  if (!force && newest && now.getTime() - Date.parse(newest.fetchedAt) < TTL.daily * 1000) {
    return serve(`skipped: fetched at ${newest.fetchedAt}`, TTL.daily);
  }
  const from = newest ? shiftDate(newest.time, { days: -TOP_UP_OVERLAP_DAYS }) : undefined;
  let fresh;
  try {
    fresh = await runChain({ op: "daily", symbol, only: (n) => n !== "shipped", call: (p) => p.daily(symbol, from ? { from } : {}) });
  } catch (err) {
    if (current.bars.length === 0 || !(err instanceof AppError)) throw err;
    // The chain's "Unknown symbol" means no live provider answered with bars: none is configured or reachable
    // (offline), or the ones asked do not know the symbol. The held bars are served either way.
    const reason = err.code === "not_found" ? `no live provider has bars for ${symbol} (none configured or reachable, or none knows it)` : err.message;
    logger.info("daily top-up unavailable, serving held bars", { symbol, reason });
    return serve(`failed: ${reason}`, TTL.fallback);
  }
  if (dailyRefused({ symbol, source: fresh.source })) {
    logger.warn("daily top-up refused: the answer had invalid rows", { symbol, source: fresh.source });
    return serve(`refused: ${fresh.source} answer had invalid rows`, TTL.fallback);
  }
  const written = await accept({ symbol, shipped, stored, fresh: fresh.value, source: fresh.source, from, now });
  if ("refused" in written) {
    logger.warn("daily top-up refused", { symbol, source: fresh.source, reason: written.refused });
    return serve(`refused: ${written.refused}`, TTL.fallback);
  }
  const after = await readStored(symbol);
  if (!after) return serve(`stored ${written.bars.length} bar(s), not read back`, TTL.fallback);
  const next = assemble({ symbol, shipped, stored: after });
  const lastBefore = current.bars[current.bars.length - 1]?.time ?? "";
  const added = next.bars.filter((b) => b.time > lastBefore).length;
  return { ...next, ttlSec: TTL.daily, topUp: `stored ${written.bars.length} bar(s) from ${fresh.source}, ${added} new`, added };
}

/** Checks a provider answer against what is held and writes it; `refused` says why nothing was written. */
async function accept(a: { symbol: string; shipped: Bar[]; stored: StoredBar[] | null; fresh: Bar[]; source: ProviderName; from?: string; now: Date }): Promise<{ bars: StoredBar[] } | { refused: string }> {
  if (a.stored === null) return { refused: "the bar store is unreadable" };
  const held = a.stored.length ? assemble({ symbol: a.symbol, shipped: a.shipped, stored: a.stored }).bars : a.shipped;
  const j = joinSeries({ older: held, newer: a.fresh });
  // With nothing stored yet, an answer that starts after the shipped set ends is the symbol's first history.
  if (!j.ok && !(j.disjoint && a.stored.length === 0)) return { refused: j.reason };
  const firstStored = a.stored[0]?.time;
  // The tail from `from` on, unless the answer reaches further back than the store (then all of it).
  const tail = a.from && firstStored && a.fresh[0]!.time >= firstStored ? a.fresh.filter((b) => b.time >= a.from!) : a.fresh;
  const fetchedAt = a.now.toISOString();
  const bars = tail.map((b) => ({ ...b, time: b.time.slice(0, 10), source: a.source, fetchedAt }));
  const rescale = j.ok && j.rescaledBefore && a.stored.length ? { before: j.rescaledBefore, factor: j.factor } : null;
  if (rescale) logger.info("split found at the join: stored bars rescaled", { symbol: a.symbol, factor: rescale.factor, before: rescale.before });
  try {
    await barStore().write({ symbol: a.symbol, bars, rescale });
  } catch (err) {
    logger.warn("bar store write failed", { symbol: a.symbol, err });
    return { refused: "the bar store write failed" };
  }
  return { bars };
}
