import "server-only";
// GET /api/status's domain function: the real probes wired into the aggregator.
import { cache } from "@/lib/cache";
import { dbHealth } from "@/lib/db";
import { queue } from "@/server/jobs";
import { storage } from "@/lib/storage";
import { marketHealth } from "@/server/market";
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
    },
  });
}
