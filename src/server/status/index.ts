import "server-only";
// GET /api/status's domain function: the real probes wired into the aggregator.
import { cache } from "@/lib/cache";
import { dbHealth } from "@/lib/db";
import { queue } from "@/server/jobs";
import { storage } from "@/lib/storage";
import { forecastsReady } from "@/server/predictions";
import { degradedData, getWatchlist, marketHealth } from "@/server/market";
import { collectStatus } from "./collect-status";
import type { StatusReport, StatusView } from "./schemas";

export type { StatusReport } from "./schemas";

/** The health report plus how many watchlist symbols have trained models (null when the database cannot say). */
export async function getStatus(): Promise<StatusView> {
  const forecasts = forecastsReady({ symbols: getWatchlist() }).catch(() => null);
  const report = await collectStatus({
    probes: {
      database: () => dbHealth(),
      cache: () => cache.health(),
      storage: () => storage.health(),
      queue: () => queue.health(),
      providers: () => marketHealth(),
      marketData: () => degradedData(),
    },
  });
  return { ...report, forecasts: await forecasts };
}

// What a failing part says to anyone who is not an admin: driver errors, host:port and file paths stay in
// the admin view and the logs.
const PUBLIC_DETAIL: Record<string, string> = { down: "unavailable", degraded: "running on a fallback" };

/** The report without internal detail, for anonymous and non-admin callers. */
export function publicStatus<R extends StatusReport>(report: R): R {
  const scrub = <T extends { status: string; detail?: string }>(h: T): T => {
    const { detail: _detail, ...rest } = h;
    return (PUBLIC_DETAIL[h.status] ? { ...rest, detail: PUBLIC_DETAIL[h.status] } : rest) as T;
  };
  return {
    ...report,
    components: Object.fromEntries(Object.entries(report.components).map(([k, h]) => [k, scrub(h)])) as R["components"],
    // "key invalid" is the operator's configuration: others learn only that the provider is unavailable.
    providers: report.providers.map((p) => ({ ...scrub(p), ...(p.state === "key_invalid" ? { state: "unavailable" as const } : {}) })),
  };
}
export { healthSchema, okSchema, statusSchema } from "./schemas";
