import "server-only";
// The jobs that end with one symbol's models trained and its forecast computed: a person's forecast job
// (GET /api/predictions/{symbol} answered 202) and the symbol's warm-up (warm-models.ts). A request for a
// symbol that one of them is already working on joins it instead of training the symbol a second time.
// Only the in-process runner's jobs are found this way (warm-ups exist only there); under Inngest a
// request finds a pending forecast job through its cache key (get-prediction.ts) alone. On a shared Postgres
// (several app processes) a job another process runs counts too, while its heartbeat keeps it fresh.
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { FORECAST_EVENT, queue, STALE_AFTER_MS, WARM_EVENT } from "@/server/jobs";

export interface SymbolJob {
  id: string;
  name: typeof FORECAST_EVENT | typeof WARM_EVENT;
  status: "queued" | "running";
}

/**
 * The newest queued or running job of `names` for `symbol` (the Job row's subject) that is alive: run by this
 * process, or on a shared database by another one whose heartbeat touched it lately (server/jobs/recovery.ts).
 */
export async function activeSymbolJob({
  symbol,
  names = [FORECAST_EVENT, WARM_EVENT],
  except,
}: {
  symbol: string;
  names?: readonly SymbolJob["name"][];
  /** A job not to count (the caller's own). */
  except?: string;
}): Promise<SymbolJob | null> {
  const runner = queue.runner();
  if (!runner) return null;
  const rows = await (await getDb()).job.findMany({
    where: { subject: symbol.toUpperCase(), name: { in: [...names] }, status: { in: ["queued", "running"] }, ...(except ? { id: { not: except } } : {}) },
    select: { id: true, name: true, status: true, updatedAt: true },
    orderBy: { createdAt: "desc" },
    take: 10,
  });
  // A row a restart left "queued" or "running" belongs to no run any more; the embedded database has no
  // other process, so only this runner's rows are alive there.
  const fresh = getEnv().DATABASE_URL ? Date.now() - STALE_AFTER_MS : Infinity;
  const row = rows.find((r) => runner.holds(r.id) || r.updatedAt.getTime() > fresh);
  return row ? { id: row.id, name: row.name as SymbolJob["name"], status: row.status as SymbolJob["status"] } : null;
}
