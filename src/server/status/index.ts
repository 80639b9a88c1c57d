import "server-only";
// GET /api/status's domain function: the real probes wired into the aggregator.
import { cache } from "@/lib/cache";
import { dbHealth } from "@/lib/db";
import { queue } from "@/server/jobs";
import { storage } from "@/lib/storage";
import { marketHealth } from "@/server/market";
import { degradedData } from "@/server/market/data-health";
import { collectStatus, type StatusReport } from "./collect-status";

export type { StatusReport } from "./collect-status";

export function getStatus(): Promise<StatusReport> {
  return collectStatus({
    probes: {
      database: () => dbHealth(),
      cache: () => cache.health(),
      storage: () => storage.health(),
      queue: () => queue.health(),
      providers: () => marketHealth(),
      marketData: () => degradedData(),
    },
  });
}

// What a failing part says to anyone who is not an admin: driver errors, host:port and file paths stay in
// the admin view and the logs.
const PUBLIC_DETAIL: Record<string, string> = { down: "unavailable", degraded: "running on a fallback" };

/** The report without internal detail, for anonymous and non-admin callers. */
export function publicStatus(report: StatusReport): StatusReport {
  const scrub = <T extends { status: string; detail?: string }>(h: T): T => {
    const { detail: _detail, ...rest } = h;
    return (PUBLIC_DETAIL[h.status] ? { ...rest, detail: PUBLIC_DETAIL[h.status] } : rest) as T;
  };
  return {
    ...report,
    components: Object.fromEntries(Object.entries(report.components).map(([k, h]) => [k, scrub(h)])) as StatusReport["components"],
    providers: report.providers.map(scrub),
  };
}
