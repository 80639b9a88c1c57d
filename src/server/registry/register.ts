import "server-only";
// The model registry's write side: each trained artifact is stored with its walk-forward metrics as a
// candidate, and promoted to active only when it is not worse than the version it would replace (promotion.ts).
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { storage, modelArtifactKey } from "@/lib/storage";
import { flatIntervalFigures, type HorizonMetrics, type ModelArtifact, serializeArtifact } from "@/server/forecast";
import { HORIZON_KEYS, HORIZONS, type HorizonKey, type ModelName } from "@/server/forecast/vocabulary";
import { publishEvent } from "@/server/events";
import { decidePromotion, type PromotionFigures } from "./promotion";

// Version tags: MODEL_VERSION plus a UTC timestamp to the millisecond, so every training run is unique
// and sorts by time (e.g. "v1-20261122T053500123Z").
export function newVersion({ now = new Date() }: { now?: Date } = {}): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(".", ""); // 20261122T053500123Z
  // Artifact versions are at most 40 characters.
  return `${getEnv().MODEL_VERSION.slice(0, 40 - stamp.length - 1)}-${stamp}`;
}

export interface TrainedVersion {
  model: ModelName;
  version: string;
  modelVersionId: string;
  status: "active" | "candidate";
  reason: string;
  maeRatio: Partial<Record<string, number | null>>;
}

// A figure that does not exist (naive has no direction; too few origins for an interval) is stored as NULL.
const finiteOrNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

function metricRow(m: HorizonMetrics) {
  const iv = m.intervals;
  return {
    horizon: m.steps,
    mae: finiteOrNull(m.mae),
    rmse: finiteOrNull(m.rmse),
    mape: finiteOrNull(m.mape),
    maeRatio: finiteOrNull(m.maeRatio),
    maeRatioNoise: finiteOrNull(m.maeRatioNoise),
    directionAccuracy: finiteOrNull(m.direction.accuracy),
    directionPValue: finiteOrNull(m.direction.pValue),
    directionBaseline: finiteOrNull(m.direction.baseline),
    callRate: finiteOrNull(m.direction.callRate),
    dmStat: finiteOrNull(m.dm?.stat),
    dmPValue: finiteOrNull(m.dm?.pValue),
    ...flatIntervalFigures(iv, finiteOrNull),
    coverage95Low: finiteOrNull(iv.coverage95ByVolTercile[0]),
    coverage95Mid: finiteOrNull(iv.coverage95ByVolTercile[1]),
    coverage95High: finiteOrNull(iv.coverage95ByVolTercile[2]),
    coverage80Low: finiteOrNull(iv.coverage80ByVolTercile[0]),
    coverage80Mid: finiteOrNull(iv.coverage80ByVolTercile[1]),
    coverage80High: finiteOrNull(iv.coverage80ByVolTercile[2]),
    baselZone: m.basel?.zone ?? null,
    baselExceptions: m.basel?.exceptions ?? null,
    volModel: m.volModel,
    fellBackShare: finiteOrNull(m.fellBackShare),
    nOrigins: m.n,
  };
}

const promotionFiguresOf = (a: ModelArtifact): Record<number, PromotionFigures> =>
  Object.fromEntries(
    HORIZON_KEYS.map((h) => {
      const m = a.metrics[h];
      return [HORIZONS[h], { winkler95: finiteOrNull(m?.intervals?.winkler["95"]), maeRatio: finiteOrNull(m?.maeRatio), maeRatioNoise: finiteOrNull(m?.maeRatioNoise) }];
    }),
  );

export async function register({ artifact, symbol }: { artifact: ModelArtifact; symbol: string }): Promise<TrainedVersion> {
  const db = await getDb();
  const key = modelArtifactKey({ model: artifact.model, version: artifact.version, symbol, ext: "json" });
  await storage.put({ key, body: serializeArtifact(artifact), contentType: "application/json" });
  const row = await db.modelVersion.create({
    data: {
      model: artifact.model,
      version: artifact.version,
      symbol,
      status: "candidate",
      artifactKey: key,
      trainedAt: new Date(artifact.trainedAt),
      trainingFrom: new Date(`${artifact.trainingWindow.from}T00:00:00Z`),
      trainingTo: new Date(`${artifact.trainingWindow.to}T00:00:00Z`),
      hyperparameters: JSON.parse(JSON.stringify(artifact.hyperparameters)),
      metrics: { create: HORIZON_KEYS.flatMap((h) => (artifact.metrics[h] ? [metricRow(artifact.metrics[h])] : [])) },
    },
  });
  const active = await db.modelVersion.findFirst({
    where: { symbol, model: artifact.model, status: "active" },
    include: { metrics: true },
    orderBy: { trainedAt: "desc" },
  });
  const decision = decidePromotion({
    candidate: promotionFiguresOf(artifact),
    active: active ? Object.fromEntries(active.metrics.map((m) => [m.horizon, { winkler95: m.winkler95, maeRatio: m.maeRatio, maeRatioNoise: m.maeRatioNoise }])) : null,
  });
  if (decision.promote) {
    await db.$transaction([
      db.modelVersion.updateMany({ where: { symbol, model: artifact.model, status: "active" }, data: { status: "retired" } }),
      db.modelVersion.update({ where: { id: row.id }, data: { status: "active" } }),
    ]);
  }
  const maeRatio = Object.fromEntries(HORIZON_KEYS.map((h) => [h, finiteOrNull(artifact.metrics[h]?.maeRatio)])) as Record<HorizonKey, number | null>;
  if (decision.promote) {
    const data = { symbol, model: artifact.model, version: artifact.version, modelVersionId: row.id, reason: decision.reason, maeRatio };
    await publishEvent({ type: "model.promoted", id: `evt_model_${row.id}`, data });
  }
  return {
    model: artifact.model,
    version: artifact.version,
    modelVersionId: row.id,
    status: decision.promote ? "active" : "candidate",
    reason: decision.reason,
    maeRatio,
  };
}
