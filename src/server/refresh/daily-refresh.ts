import "server-only";
// The daily refresh after the US close (src/handlers/refresh-market.ts runs these in order): new bars
// for the configured watchlist, the symbols on people's own watchlists, the symbols with alerts and every
// symbol viewed or trained recently, then the served predictions' actuals, the alerts (on the new closes: the
// one evaluation path, src/server/alerts/evaluate.ts), an incremental retrain of the symbols that got new bars (stored backtests: only the new
// origins are computed) and their forecasts re-cached. Offline, or with only the shipped set, it does nothing
// and says so in the log.
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { alertedSymbols } from "@/server/alerts";
import { forget, getWatchlist, KEYS, liveProvidersEnabled, loadDailySeries, RANGES, recentSymbols, shippedAsOf } from "@/server/market";
import { activeVersions } from "@/server/registry";
import { followedSymbolsOrNone } from "@/server/watchlists";

export interface BarsRefreshed {
  symbol: string;
  /** Sessions after the previously newest bar. */
  added: number;
  newest: string | null;
  source: string | null;
  topUp: string;
}

/** The symbols to refresh, or why there is nothing to do. */
export async function refreshTargets({ now = new Date() }: { now?: Date } = {}): Promise<{ symbols: string[] } | { skipped: string }> {
  if (!liveProvidersEnabled()) {
    const skipped = `no live market data provider is configured: only the shipped data set (as of ${shippedAsOf() ?? "unknown"}) serves, nothing to refresh`;
    logger.info("daily refresh skipped", { reason: skipped });
    return { skipped };
  }
  const recent = await recentSymbols({ now }).catch((err: unknown) => {
    logger.warn("daily refresh: recently viewed symbols unavailable, refreshing the watchlist only", { err });
    return [];
  });
  const alerted = await alertedSymbols().catch((err: unknown) => {
    logger.warn("daily refresh: symbols with alerts unavailable", { err });
    return [];
  });
  const followed = await followedSymbolsOrNone("daily refresh");
  return { symbols: [...new Set([...getWatchlist(), ...followed, ...alerted, ...recent])].sort() };
}

/** Tops up one symbol's bars past the daily TTL shortcut and drops its cached market payloads. */
export async function refreshSymbolBars({ symbol, now = new Date() }: { symbol: string; now?: Date }): Promise<BarsRefreshed> {
  let out: BarsRefreshed;
  try {
    const s = await loadDailySeries({ symbol, force: true, now });
    const last = s.bars[s.bars.length - 1];
    out = { symbol, added: s.added, newest: last?.time ?? null, source: s.source, topUp: s.topUp };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    out = { symbol, added: 0, newest: null, source: null, topUp: `failed: ${err.message}` };
  }
  await forget([KEYS.daily(symbol), KEYS.quote(symbol), KEYS.overview(symbol), ...RANGES.map((r) => KEYS.timeseries(r, symbol))]);
  return out;
}

/** Whether a top-up failed only because the providers' request budget was spent (worth a retry in a minute). */
export const limitedOnly = (r: BarsRefreshed): boolean => r.topUp.startsWith("failed:") && /rate_limited|throttled/.test(r.topUp) && !/HTTP|timeout|refused/.test(r.topUp);

/** One log line for the run: which symbols got new bars, or that none did and why. */
export function logRefreshed(results: BarsRefreshed[]): void {
  const added = results.filter((r) => r.added > 0);
  if (added.length === 0) {
    logger.info("daily refresh: no new bars (offline, providers unavailable or no new session)", { symbols: results.map((r) => `${r.symbol}: ${r.topUp}`) });
  } else {
    logger.info("daily refresh: new bars stored", { symbols: added.map((r) => `${r.symbol} +${r.added} to ${r.newest}`) });
  }
}

/** Symbols that got new bars and have active models: the ones to retrain (a visit never trains a new one). */
export async function retrainTargets({ refreshed }: { refreshed: BarsRefreshed[] }): Promise<string[]> {
  const out: string[] = [];
  for (const r of refreshed) if (r.added > 0 && (await activeVersions({ symbol: r.symbol })).length > 0) out.push(r.symbol);
  return out;
}
