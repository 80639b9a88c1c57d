// The symbols people follow on their own watchlists, for the work that keeps them current: the daily refresh
// brings their bars, the weekly training and the first-start warm-up train them (issue 20: "their symbols are
// refreshed and kept trained"). The most listed first, and at most MAX_FOLLOWED, so a large site's refresh
// and training stay bounded (the rest are still served on request, as any symbol is).
import "server-only";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { getWatchlist } from "@/server/market";

export const MAX_FOLLOWED = 100;

export async function followedSymbols({ limit = MAX_FOLLOWED }: { limit?: number } = {}): Promise<string[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ symbol: string }[]>`
    SELECT s AS symbol FROM watchlists, unnest(symbols) AS s
    GROUP BY s ORDER BY COUNT(DISTINCT user_id) DESC, s ASC LIMIT ${limit + 1}`;
  if (rows.length > limit) logger.info("more symbols on people's watchlists than are refreshed and trained", { limit });
  return rows.slice(0, limit).map((r) => r.symbol);
}

/** followedSymbols, or none when the database cannot answer (the configured watchlist still goes ahead). */
export async function followedSymbolsOrNone(what: string): Promise<string[]> {
  return followedSymbols().catch((err: unknown) => {
    logger.warn(`${what}: people's watchlist symbols unavailable`, { err });
    return [];
  });
}

/** What is kept trained: the configured watchlist, then the symbols on people's own watchlists. */
export async function keptSymbols(what: string): Promise<string[]> {
  return [...new Set([...getWatchlist(), ...(await followedSymbolsOrNone(what))])];
}
