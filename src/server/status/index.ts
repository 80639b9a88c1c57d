import "server-only";
// GET /api/status's domain function: the real probes wired into the aggregator.
import { cache } from "@/lib/cache";
import { dbHealth } from "@/lib/db";
import { queue } from "@/server/jobs";
import { storage } from "@/lib/storage";
import { forecastsReady } from "@/server/jobs/training-requests";
import { getWatchlist, marketHealth } from "@/server/market";
import { collectStatus, type StatusReport } from "./collect-status";

export type { StatusReport } from "./collect-status";

/** The health report plus how many watchlist symbols have trained models (null when the database cannot say). */
export async function getStatus(): Promise<StatusReport & { forecasts: { ready: number; total: number } | null }> {
  const forecasts = forecastsReady({ symbols: getWatchlist() }).catch(() => null);
  const report = await collectStatus({
    probes: {
      database: () => dbHealth(),
      cache: () => cache.health(),
      storage: () => storage.health(),
      queue: () => queue.health(),
      providers: () => marketHealth(),
    },
  });
  return { ...report, forecasts: await forecasts };
}
