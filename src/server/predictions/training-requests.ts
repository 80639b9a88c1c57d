import "server-only";
// What the stock page needs before anyone trains anything, and the per-user limit on training requests:
// TRAINING_REQUESTS_PER_HOUR new symbols per user per rolling hour (asking again for a symbol already
// requested in that hour is free; admins are not limited).
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { rateLimited } from "@/lib/errors";
import { FORECAST_EVENT } from "@/server/jobs";
import { servableVersions } from "./inputs";
import { configuredModels } from "@/server/registry";
import { aboutSec, expectedMs } from "@/server/training";
import { loadHistory } from "@/server/price-history";

const HOUR_MS = 3_600_000;
/** A forecast job shorter than this only predicted from stored models: it says nothing about training time. */
const TRAINED_MIN_MS = 2000;

/** Throws 429 with Retry-After when `symbol` would be one new symbol too many for this user this hour. */
export async function assertTrainingAllowed({ userId, symbol, isAdmin = false, now = new Date() }: { userId: string | null; symbol: string; isAdmin?: boolean; now?: Date }) {
  if (!userId || isAdmin) return;
  const limit = getEnv().TRAINING_REQUESTS_PER_HOUR;
  const since = new Date(now.getTime() - HOUR_MS);
  const rows = await (await getDb()).job.findMany({
    where: { userId, name: FORECAST_EVENT, createdAt: { gt: since } },
    select: { subject: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const firstAsked = new Map<string, Date>();
  for (const r of rows) if (r.subject && !firstAsked.has(r.subject)) firstAsked.set(r.subject, r.createdAt);
  if (firstAsked.has(symbol) || firstAsked.size < limit) return;
  // The window slides: the next symbol is admitted when the oldest counted request leaves it.
  const oldest = Math.min(...[...firstAsked.values()].map((d) => d.getTime()));
  const retryAfterSec = Math.max(1, Math.ceil((oldest + HOUR_MS - now.getTime()) / 1000));
  // The baseline forecast needs no training and stays available: the message says so rather than "try again".
  throw rateLimited(`You have asked for the models of ${limit} new symbols this hour, the most per hour; the baseline forecast of ${symbol} is ready meanwhile, and its models can be asked for in ${Math.ceil(retryAfterSec / 60)} min.`, retryAfterSec, {
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": "0",
  });
}

/** Median wall time of recent forecast jobs that trained, in whole seconds; null before any was measured. */
export async function trainingEstimateSec(): Promise<number | null> {
  const jobs = await (await getDb()).job.findMany({
    where: { name: FORECAST_EVENT, status: "done", startedAt: { not: null }, finishedAt: { not: null } },
    select: { startedAt: true, finishedAt: true },
    orderBy: { finishedAt: "desc" },
    take: 50,
  });
  const ms = jobs.map((j) => j.finishedAt!.getTime() - j.startedAt!.getTime()).filter((d) => d >= TRAINED_MIN_MS).slice(0, 10).sort((a, b) => a - b);
  if (ms.length === 0) return null;
  return Math.round(ms[Math.floor(ms.length / 2)] / 1000);
}

/**
 * The forecast section's starting point: whether every configured model is trained, and if not, about how
 * long training the rest takes: the median of measured jobs, else the models' step estimates for the
 * symbol's data size (estimates.ts), so the button never goes without one.
 */
export async function forecastReadiness({ symbol }: { symbol: string }): Promise<{ trained: boolean; estimateSec: number | null }> {
  const active = (await servableVersions({ symbol })).map((v) => v.model);
  const left = configuredModels().filter((m) => !active.includes(m));
  if (left.length === 0) return { trained: true, estimateSec: null };
  const measured = await trainingEstimateSec();
  if (measured !== null) return { trained: false, estimateSec: measured };
  const { series } = await loadHistory({ symbol });
  return { trained: false, estimateSec: aboutSec(expectedMs({ models: left, bars: series.dates.length })) };
}

/** How many watchlist symbols have a trained model to forecast from (for /api/status and the home page). */
export async function forecastsReady({ symbols }: { symbols: string[] }): Promise<{ ready: number; total: number }> {
  return { ready: (await symbolsWithForecasts({ symbols })).length, total: symbols.length };
}

/** Which of the symbols have a trained model to forecast from (the home page's per-card forecast state). */
export async function symbolsWithForecasts({ symbols }: { symbols: string[] }): Promise<string[]> {
  const rows = await (await getDb()).modelVersion.findMany({ where: { status: "active", symbol: { in: symbols } }, select: { symbol: true }, distinct: ["symbol"] });
  return rows.map((r) => r.symbol);
}
