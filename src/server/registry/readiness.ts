import "server-only";
// GET /api/models/{symbol}: each model's readiness beside its versions. "training" while a job that
// trains the symbol is queued or running; "stale" once the active version has missed a week of bars
// (the weekly retrain should have caught it); "ready" otherwise.
import { getDb } from "@/lib/db";
import { FORECAST_EVENT, TRAINING_EVENT, WARM_EVENT } from "@/server/jobs";
import { loadHistory } from "@/server/price-history";
import { listModelVersions } from "./catalog";
import { configuredModels } from "./configured-models";
import type { ModelStatus, Readiness } from "./schemas";

/** Bars after the training window that make a version stale: a week of trading days. */
export const STALE_AFTER_BARS = 5;
const TRAINING_EVENTS = [TRAINING_EVENT, FORECAST_EVENT, WARM_EVENT];


/** Jobs queued or running that train this symbol (a batch or schedule run names it in `symbols`). */
export async function trainingJobsFor({ symbol }: { symbol: string }): Promise<string[]> {
  const db = await getDb();
  const jobs = await db.job.findMany({
    where: { name: { in: TRAINING_EVENTS }, status: { in: ["queued", "running"] } },
    select: { id: true, input: true },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return jobs
    .filter((j) => {
      const input = (j.input ?? {}) as { symbol?: unknown; symbols?: unknown };
      return input.symbol === symbol || (Array.isArray(input.symbols) && input.symbols.includes(symbol));
    })
    .map((j) => j.id);
}

export async function modelStatus({ symbol, now = new Date() }: { symbol: string; now?: Date }): Promise<ModelStatus> {
  const listing = await listModelVersions({ symbol });
  const { series, asOf } = await loadHistory({ symbol: listing.symbol });
  const jobs = await trainingJobsFor({ symbol: listing.symbol });
  const barIndex = new Map(series.dates.map((d, i) => [d, i]));
  const lastIndex = series.dates.length - 1;
  const models = listing.active.map((v) => {
    // A window ending on a day that is not a bar (data revised since) counts from the bar before it.
    const end = barIndex.get(v.trainingTo) ?? series.dates.filter((d) => d <= v.trainingTo).length - 1;
    const barsBehind = Math.max(0, lastIndex - end);
    const readiness: Readiness = jobs.length ? "training" : barsBehind > STALE_AFTER_BARS ? "stale" : "ready";
    return {
      model: v.model,
      version: v.version,
      readiness,
      trainedAt: v.trainedAt,
      trainedTo: v.trainingTo,
      ageDays: Math.round(((now.getTime() - new Date(v.trainedAt).getTime()) / 86_400_000) * 10) / 10,
      barsBehind,
      backtest: v.backtest,
    };
  });
  const trained = new Set(models.map((m) => m.model));
  return {
    symbol: listing.symbol,
    asOf,
    trainingJobs: jobs,
    models,
    /** Configured models with no active version yet. */
    untrained: configuredModels().filter((m) => !trained.has(m)),
    active: listing.active,
    others: listing.others,
  };
}
