import "server-only";
// Reading the registry: the active version of each model for a symbol, with the walk-forward metrics stored
// at training time (the artifacts themselves: artifacts.ts).
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { getDaily } from "@/server/market";
import type { ModelMetric } from "@/generated/prisma/client";
import { FELL_BACK_LABEL, type IntervalFigures, type IntervalSummary } from "@/server/forecast";
import { type HorizonKey, HORIZONS, MODEL_NAMES, type ModelName } from "@/server/forecast/vocabulary";
import type { backtestFiguresSchema, VersionView } from "./schemas";

/** Walk-forward figures of one model version at one horizon, as stored in ModelMetric (null: no such figure). */
export interface BacktestFigures extends IntervalFigures, Pick<IntervalSummary, "coverage95ByVolTercile" | "coverage80ByVolTercile"> {
  mae: number | null;
  naiveMae: number | null;
  maeRatio: number | null;
  /** Half-width of the 95% noise band of maeRatio: a ratio within 1 +- this is no evidence of skill. */
  maeRatioNoise: number | null;
  rmse: number | null;
  mape: number | null;
  /** Every scored origin counts; a zero forecast abstains and counts as wrong (see callRate). */
  directionAccuracy: number | null;
  /** Accuracy of always calling "up" on the same origins. */
  directionBaseline: number | null;
  /** One-sided McNemar p-value of beating always-up. */
  directionPValue: number | null;
  callRate: number | null;
  /** Share right among the origins where the model made a call (directionAccuracy / callRate). */
  directionHitRate: number | null;
  dmStat: number | null;
  dmPValue: number | null;
  /** Basel traffic light of the 99% one-day interval over the last 250 days (1d only). */
  baselZone: "green" | "yellow" | "red" | null;
  baselExceptions: number | null;
  volModel: string | null;
  fellBackShare: number | null;
  /** "fell back to the mean return" when the model did at most scored origins. */
  note: string | null;
  origins: number;
}

export type { VersionView };

// ModelMetric.horizon stores trading days.
const horizonKeyOf = (steps: number): HorizonKey | undefined => (Object.keys(HORIZONS) as HorizonKey[]).find((k) => HORIZONS[k] === steps);
const f = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);
const day = (d: Date) => d.toISOString().slice(0, 10);

type MetricRow = Omit<ModelMetric, "id" | "modelVersionId" | "createdAt">;

// The registry's figures and the documented ones are the same fields of the same types, both ways.
export const backtestFiguresMatch: [BacktestFigures, z.output<typeof backtestFiguresSchema>] extends [z.output<typeof backtestFiguresSchema>, BacktestFigures] ? true : false = true;

export function figuresOf(m: MetricRow): BacktestFigures {
  const mae = f(m.mae);
  const ratio = f(m.maeRatio);
  const fell = f(m.fellBackShare);
  return {
    mae,
    // The naive MAE on the same origins is MAE / ratio.
    naiveMae: mae !== null && ratio ? mae / ratio : null,
    maeRatio: ratio,
    maeRatioNoise: f(m.maeRatioNoise),
    rmse: f(m.rmse),
    mape: f(m.mape),
    directionAccuracy: f(m.directionAccuracy),
    directionBaseline: f(m.directionBaseline),
    directionPValue: f(m.directionPValue),
    callRate: f(m.callRate),
    // Both are shares of the same origins (see directionAccuracy in forecast/metrics.ts): their ratio is correct / calls.
    directionHitRate: f(m.directionAccuracy) !== null && f(m.callRate) ? m.directionAccuracy! / m.callRate! : null,
    dmStat: f(m.dmStat),
    dmPValue: f(m.dmPValue),
    coverage80: f(m.coverage80),
    coverage95: f(m.coverage95),
    coverage99: f(m.coverage99),
    width95: f(m.width95),
    winkler80: f(m.winkler80),
    winkler95: f(m.winkler95),
    winkler99: f(m.winkler99),
    crps: f(m.crps),
    coverage95ByVolTercile: [f(m.coverage95Low), f(m.coverage95Mid), f(m.coverage95High)],
    coverage80ByVolTercile: [f(m.coverage80Low), f(m.coverage80Mid), f(m.coverage80High)],
    kupiec95P: f(m.kupiec95P),
    kupiec99P: f(m.kupiec99P),
    christoffersen95P: f(m.christoffersen95P),
    christoffersen99P: f(m.christoffersen99P),
    baselZone: m.baselZone === "green" || m.baselZone === "yellow" || m.baselZone === "red" ? m.baselZone : null,
    baselExceptions: m.baselExceptions,
    volModel: m.volModel,
    fellBackShare: fell,
    note: fell !== null && fell > 0.5 ? FELL_BACK_LABEL : null,
    origins: m.nOrigins,
  };
}

type VersionRow = {
  id: string;
  model: string;
  version: string;
  symbol: string;
  status: string;
  artifactKey: string;
  trainedAt: Date;
  trainingFrom: Date;
  trainingTo: Date;
  metrics: MetricRow[];
};

function viewOf(v: VersionRow): VersionView {
  const backtest: VersionView["backtest"] = {};
  for (const m of [...v.metrics].sort((a, b) => a.horizon - b.horizon)) {
    const h = horizonKeyOf(m.horizon);
    if (h) backtest[h] = figuresOf(m);
  }
  return {
    id: v.id,
    model: v.model as ModelName,
    version: v.version,
    symbol: v.symbol,
    status: v.status as VersionView["status"],
    artifactKey: v.artifactKey,
    trainedAt: v.trainedAt.toISOString(),
    trainingFrom: day(v.trainingFrom),
    trainingTo: day(v.trainingTo),
    backtest,
  };
}

const order = (m: string) => MODEL_NAMES.indexOf(m as ModelName);

/** The active version of every model trained for the symbol, in display order. */
export async function activeVersions({ symbol }: { symbol: string }): Promise<VersionView[]> {
  const db = await getDb();
  const rows = await db.modelVersion.findMany({ where: { symbol: symbol.toUpperCase(), status: "active" }, include: { metrics: true } });
  return rows.map(viewOf).sort((a, b) => order(a.model) - order(b.model));
}

/** GET /api/models/{symbol}: the active versions and the most recent other versions per model. */
export async function listModelVersions({ symbol, perModel = 5 }: { symbol: string; perModel?: number }) {
  const db = await getDb();
  const rows = await db.modelVersion.findMany({
    where: { symbol: symbol.toUpperCase() },
    include: { metrics: true },
    orderBy: { trainedAt: "desc" },
  });
  // Trained rows prove the symbol exists; otherwise the market service decides (404 for an unknown one),
  // with the same daily lookup training would use (memoized; in memory for the shipped set).
  if (rows.length === 0) await getDaily({ symbol });
  const kept = new Map<string, number>();
  const versions = rows.map(viewOf).filter((v) => {
    const n = kept.get(v.model) ?? 0;
    if (v.status !== "active" && n >= perModel) return false;
    kept.set(v.model, n + 1);
    return true;
  });
  versions.sort((a, b) => order(a.model) - order(b.model) || (a.status === "active" ? -1 : b.status === "active" ? 1 : 0) || b.trainedAt.localeCompare(a.trainedAt));
  return { symbol: symbol.toUpperCase(), active: versions.filter((v) => v.status === "active"), others: versions.filter((v) => v.status !== "active") };
}

/** The models of `names` still lacking an active version trained to the last bar `lastDate`. */
export async function untrainedModels({ symbol, lastDate, names }: { symbol: string; lastDate: string; names: readonly ModelName[] }): Promise<ModelName[]> {
  const rows = await (await getDb()).modelVersion.findMany({
    where: { symbol, status: "active", trainingTo: new Date(`${lastDate}T00:00:00Z`) },
    select: { model: true },
  });
  const done = new Set(rows.map((r) => r.model));
  return names.filter((n) => !done.has(n));
}
