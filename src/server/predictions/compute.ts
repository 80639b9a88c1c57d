import "server-only";
// Forecasts from the active artifacts of a symbol (never trains), with the stored walk-forward figures
// beside every number, and records each served forecast in the Prediction table and the track-record ledger.
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { forecastFromArtifacts, type ModelForecast } from "@/server/forecast";
import { HORIZON_KEYS, HORIZONS, type ModelName, type ModelSpec } from "@/server/forecast/vocabulary";
import type { History } from "@/server/price-history";
import { loadArtifactOf, type VersionView } from "@/server/registry";
import { servingMarketVariance } from "@/server/training";
import { announcePrediction } from "./announce";
import { cachePrediction } from "./cache";
import { loadPredictionInputs, type PredictionInputs } from "./inputs";
import { recordServed } from "./record-ledger";
import { addWeekdays } from "./trading-days";
import type { ForecastStage, HorizonPrediction, ModelPrediction, PredictionResult } from "./types";

/** The models that make the baseline: no fitting worth the name, one volatility plan. */
export const BASELINE_MODELS: readonly ModelName[] = ["naive", "drift"];

/** Where the served set stands: only the baseline, some models, or every configured model. */
export function stageOf({ active, configured }: { active: readonly ModelName[]; configured: readonly ModelName[] }): ForecastStage {
  if (configured.every((m) => active.includes(m))) return "complete";
  return active.every((m) => BASELINE_MODELS.includes(m)) ? "baseline" : "partial";
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

function modelPrediction({ version, forecast, history, specs }: { version: VersionView; forecast: ModelForecast; history: History; specs: readonly ModelSpec[] }): ModelPrediction {
  const close = history.series.close;
  const last = close[close.length - 1];
  const horizons: ModelPrediction["horizons"] = {};
  for (const h of HORIZON_KEYS) {
    const f = forecast.horizons[h];
    if (!f) continue;
    const b = version.backtest[h];
    const iv = f.intervals;
    const out: HorizonPrediction = {
      steps: f.steps,
      price: round(f.price),
      change: round(f.price - last),
      changePercent: round((100 * (f.price - last)) / last),
      targetDate: addWeekdays({ date: history.asOf, days: f.steps }),
      intervals: iv
        ? {
            "80": [round(iv["80"].lower), round(iv["80"].upper)],
            "95": [round(iv["95"].lower), round(iv["95"].upper)],
            "99": [round(iv["99"].lower), round(iv["99"].upper)],
          }
        : null,
      quantiles: f.quantiles ? f.quantiles.map((q) => ({ level: q.level, price: round(q.price) })) : null,
      volModel: f.volModel,
      backtest: b
        ? {
            mae: b.mae,
            naiveMae: b.naiveMae,
            maeRatio: b.maeRatio,
            maeRatioNoise: b.maeRatioNoise,
            directionAccuracy: b.directionAccuracy,
            directionBaseline: b.directionBaseline,
            directionPValue: b.directionPValue,
            callRate: b.callRate,
            directionHitRate: b.directionHitRate,
            dmPValue: b.dmPValue,
            coverage80: b.coverage80,
            coverage95: b.coverage95,
            coverage99: b.coverage99,
            mape: b.mape,
            width95: b.width95,
            winkler95: b.winkler95,
            crps: b.crps,
            coverage95ByVolTercile: b.coverage95ByVolTercile,
            baselZone: b.baselZone,
            note: b.note,
            origins: b.origins,
          }
        : null,
    };
    horizons[h] = out;
  }
  return { name: version.model, label: specs.find((s) => s.name === version.model)?.label ?? version.model, version: version.version, trainedAt: version.trainedAt, horizons };
}

/** One row per model x horizon; a forecast already recorded for the same version and origin is not repeated. */
async function record({ result, versions, userId }: { result: PredictionResult; versions: VersionView[]; userId: string | null }) {
  const db = await getDb();
  const originDate = new Date(`${result.asOf}T00:00:00Z`);
  const existing = await db.prediction.findMany({
    where: { modelVersionId: { in: versions.map((v) => v.id) }, originDate },
    select: { modelVersionId: true, horizon: true },
  });
  const seen = new Set(existing.map((e) => `${e.modelVersionId}:${e.horizon}`));
  const rows = [];
  for (const m of result.models) {
    const v = versions.find((x) => x.model === m.name);
    if (!v) continue;
    for (const h of HORIZON_KEYS) {
      const p = m.horizons[h];
      if (!p || seen.has(`${v.id}:${HORIZONS[h]}`)) continue;
      rows.push({
        symbol: result.symbol,
        model: m.name,
        modelVersionId: v.id,
        horizon: HORIZONS[h],
        originDate,
        targetDate: new Date(`${p.targetDate}T00:00:00Z`),
        predictedPrice: p.price,
        lower80: p.intervals?.["80"][0] ?? null,
        upper80: p.intervals?.["80"][1] ?? null,
        lower95: p.intervals?.["95"][0] ?? null,
        upper95: p.intervals?.["95"][1] ?? null,
        lower99: p.intervals?.["99"][0] ?? null,
        upper99: p.intervals?.["99"][1] ?? null,
        userId,
      });
    }
  }
  if (rows.length) {
    await db.prediction.createMany({ data: rows });
    await announcePrediction({ result, versions });
  }
}

/**
 * Each version's forecast on one series, kept by a job that forecasts after every model it trains: the next
 * partial forecast computes only the versions not forecast yet (a model's forecast is a function of its
 * artifact and the bars alone), not every model's again. Forgotten when the bars change.
 */
export interface ForecastMemo {
  bars?: string;
  byArtifact: Map<string, ModelForecast>;
}

export const forecastMemo = (): ForecastMemo => ({ byArtifact: new Map() });

const barsKey = (h: History) => {
  const { dates, close } = h.series;
  return `${h.series.symbol}:${h.source}:${dates.length}:${dates[0]}:${h.asOf}:${close[close.length - 1]}`;
};

async function forecastsOf({ versions, hist, specs, memo = forecastMemo() }: { versions: VersionView[]; hist: History; specs: readonly ModelSpec[]; memo?: ForecastMemo }): Promise<ModelForecast[]> {
  const bars = barsKey(hist);
  if (memo.bars !== bars) memo.byArtifact.clear();
  memo.bars = bars;
  const missing = versions.filter((v) => !memo.byArtifact.has(v.artifactKey));
  if (missing.length) {
    const artifacts = await Promise.all(missing.map((v) => loadArtifactOf(v)));
    const made = await forecastFromArtifacts({ artifacts, series: hist.series, specs, market: servingMarketVariance() });
    missing.forEach((v, i) => memo.byArtifact.set(v.artifactKey, made[i]));
  }
  return versions.map((v) => memo.byArtifact.get(v.artifactKey)!);
}

/** The forecast from loaded inputs (never loads them again); null when the symbol has no active model yet. */
export async function forecastFrom({ inputs, userId = null, memo }: { inputs: PredictionInputs; userId?: string | null; memo?: ForecastMemo }): Promise<PredictionResult | null> {
  const { history: hist, versions, configured, specs } = inputs;
  if (!versions.length) return null;
  const forecasts = await forecastsOf({ versions, hist, specs, memo });
  const close = hist.series.close;
  const result: PredictionResult = {
    symbol: hist.series.symbol,
    asOf: hist.asOf,
    source: hist.source,
    historical: hist.source === "shipped",
    lastClose: round(close[close.length - 1]),
    generatedAt: new Date().toISOString(),
    models: versions.map((version, i) => modelPrediction({ version, forecast: forecasts[i], history: hist, specs })),
    baseline: "naive",
    stage: stageOf({ active: versions.map((v) => v.model), configured }),
  };
  await record({ result, versions, userId });
  await recordServed({ result });
  return result;
}

/** Null when the symbol has no active model yet (the caller enqueues training). `memo`: a job's forecasts so far. */
export async function predictFromActive({ symbol, userId = null, memo }: { symbol: string; userId?: string | null; memo?: ForecastMemo }): Promise<PredictionResult | null> {
  return forecastFrom({ inputs: await loadPredictionInputs({ symbol }), userId, memo });
}

/** The compute-prediction job's last step: forecast from the freshly trained artifacts and cache it. */
export async function predictAndCache({ symbol, userId = null, memo }: { symbol: string; userId?: string | null; memo?: ForecastMemo }): Promise<PredictionResult> {
  const inputs = await loadPredictionInputs({ symbol });
  const result = await forecastFrom({ inputs, userId, memo });
  if (!result) throw new Error(`No active model for ${inputs.history.series.symbol} after training`);
  await cachePrediction({ result, filed: inputs.history.series.filed });
  return result;
}

/**
 * The last step of every training job: the symbol's forecast from its new active models, cached, so the
 * first request after a training is a cache hit (the old entry names other versions: cache.ts). A failure is
 * logged, not thrown: the models are trained either way, and a request computes it.
 */
export async function cacheAfterTraining({ symbol }: { symbol: string }): Promise<{ asOf: string; models: number } | null> {
  try {
    const r = await predictAndCache({ symbol });
    return { asOf: r.asOf, models: r.models.length };
  } catch (err) {
    logger.warn("forecast after training not cached", { symbol, err });
    return null;
  }
}
