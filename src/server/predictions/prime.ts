import "server-only";
// At the embedded server's start (src/instrumentation.ts, after the training worker's warm-up): the
// forecasts of the watchlist's trained symbols go into the cache, one symbol at a time. The in-process cache
// starts empty, and the first forecast computed in a fresh process pays for cold database queries and cold
// forecast code (290-315 ms on the 2-core machine, docs/operations.md): that is paid here rather than by the
// first visitor. A forecast already in the cache (Redis survives restarts) is left as it is.
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { getWatchlist } from "@/server/market";
import { readyPrediction } from "./get-prediction";

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Caches the forecast of each trained watchlist symbol; resolves with how many were computed and read. */
export async function primeForecasts(): Promise<{ computed: number; cached: number; ms: number }> {
  const started = performance.now();
  const watchlist = getWatchlist();
  const rows = await (await getDb()).modelVersion.findMany({ where: { status: "active", symbol: { in: watchlist } }, select: { symbol: true }, distinct: ["symbol"] });
  const trained = new Set(rows.map((r) => r.symbol));
  let computed = 0;
  let cached = 0;
  for (const symbol of watchlist.filter((s) => trained.has(s))) {
    await yieldToRequests();
    try {
      const r = await readyPrediction({ symbol });
      if (r?.cache === "miss") computed++;
      else if (r) cached++;
    } catch (err) {
      // A symbol whose data cannot be read now is computed on its first request instead.
      logger.warn("forecast not primed at start", { symbol, err });
    }
  }
  const ms = Math.round(performance.now() - started);
  if (computed + cached > 0) logger.info("forecasts primed at start", { computed, cached, ms });
  return { computed, cached, ms };
}
