import "server-only";
// Recommendations, honest: per symbol and horizon the probability that the price ends higher (read off
// the served quantiles), the direction skill measured against always saying "up" on walk-forward
// origins, and a signal that stays no_edge unless that skill survives a Benjamini–Hochberg correction
// across every symbol × horizon in the answer. Not investment advice, and the answer says so.
import { AppError } from "@/lib/errors";
import { HORIZON_KEYS, HORIZONS, type HorizonKey, type ModelName } from "@/server/forecast/vocabulary";
import { getWatchlist } from "@/server/market";
import { type PredictionResult, readyPrediction, servableVersions } from "@/server/predictions";
import { calibrationsOf, type StoredCalibration } from "@/server/registry";
import { benjaminiHochberg } from "./multiple-testing";
import { probabilityUpOfPrices } from "@/server/forecast";
import type { HorizonRecommendation, RecommendationsResponse, Signal, SymbolRecommendation } from "./schemas";

export const SIGNIFICANCE = 0.05;
/** Fixed before looking at any score: choosing the best-scoring model would be a test on the scored window. */
export const MODEL_PREFERENCE: readonly ModelName[] = ["ensemble", "arima", "prophet", "gbt", "random_forest", "lstm", "drift"];
export const DISCLAIMER =
  "Not investment advice. Probabilities and skill are measured on past data (walk-forward backtests) and do not promise future results.";

type Draft = { symbol: string; result: PredictionResult; model: ModelName; version: string; calibrations: Map<number, StoredCalibration> | undefined };

async function draftFor({ symbol }: { symbol: string }): Promise<Draft | { symbol: string; status: "untrained" | "error"; reason: string }> {
  const ready = await readyPrediction({ symbol });
  if (!ready) return { symbol, status: "untrained", reason: `No model is trained for ${symbol} yet` };
  const result = ready.body;
  const model = MODEL_PREFERENCE.find((m) => result.models.some((x) => x.name === m));
  if (!model) return { symbol: result.symbol, status: "untrained", reason: `Only the naive baseline is trained for ${result.symbol}` };
  const served = result.models.find((m) => m.name === model)!;
  const version = (await servableVersions({ symbol: result.symbol })).find((v) => v.model === model && v.version === served.version);
  const calibrations = version ? (await calibrationsOf({ versionIds: [version.id] })).get(version.id) : undefined;
  return { symbol: result.symbol, result, model, version: served.version, calibrations };
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

function horizonRecommendation({ draft, h, adjusted }: { draft: Draft; h: HorizonKey; adjusted: number | null }): HorizonRecommendation | null {
  const p = draft.result.models.find((m) => m.name === draft.model)?.horizons[h];
  if (!p) return null;
  const cal = draft.calibrations?.get(HORIZONS[h]);
  const probabilityUp = probabilityUpOfPrices({ lastClose: draft.result.lastClose, price: p.price, intervals: p.intervals });
  const significant = adjusted !== null && adjusted < SIGNIFICANCE;
  const signal: Signal = significant && probabilityUp !== null ? (probabilityUp >= 0.5 ? "up" : "down") : "no_edge";
  const iv80 = p.intervals?.["80"] ?? null;
  const entry = draft.result.lastClose;
  const levels = signal === "no_edge" || !iv80 ? null : signal === "up" ? { entry, target: iv80[1], stop: iv80[0] } : { entry, target: iv80[0], stop: iv80[1] };
  const reason = !cal
    ? "No walk-forward direction calibration is stored for this model version; retrain to measure it"
    : significant
      ? `Direction skill over always-up is significant after correction (adjusted p=${adjusted!.toFixed(3)})`
      : `No measured edge: beating always-up ${cal.wins} of ${cal.disagreements} times it disagreed gives adjusted p=${adjusted === null ? "n/a" : adjusted.toFixed(3)}`;
  return {
    horizon: h,
    steps: p.steps,
    targetDate: p.targetDate,
    signal,
    probabilityUp: probabilityUp === null ? null : r4(probabilityUp),
    skill: cal
      ? { hitRate: r4(cal.hitRate), alwaysUpRate: r4(cal.alwaysUpRate), disagreements: cal.disagreements, wins: cal.wins, pValue: r4(cal.pValue), adjustedPValue: adjusted === null ? null : r4(adjusted) }
      : null,
    levels,
    range80: iv80,
    range95: p.intervals?.["95"] ?? null,
    confidence: cal ? { brier: r4(cal.brier), brierBaseline: r4(cal.brierBaseline), n: cal.n, reliability: cal.reliability } : null,
    factors: [
      { name: "probability_up", label: "Stated probability the close ends higher", value: probabilityUp === null ? null : r4(probabilityUp) },
      { name: "hit_rate", label: "Direction hit rate on walk-forward origins", value: cal ? r4(cal.hitRate) : null },
      { name: "always_up_rate", label: "Hit rate of always saying up, same origins", value: cal ? r4(cal.alwaysUpRate) : null },
      { name: "adjusted_p_value", label: "p-value against always-up, corrected for multiple tests", value: adjusted === null ? null : r4(adjusted) },
      { name: "mae_ratio", label: "Forecast error relative to the last close (below 1 beats it)", value: p.backtest?.maeRatio ?? null },
      { name: "coverage_80", label: "Measured coverage of the 80% interval", value: p.backtest?.coverage80 ?? null },
      { name: "coverage_95", label: "Measured coverage of the 95% interval", value: p.backtest?.coverage95 ?? null },
      { name: "brier", label: "Brier score of the stated probabilities (lower is better)", value: cal ? r4(cal.brier) : null },
      { name: "brier_baseline", label: "Brier score of stating the past share of up days", value: cal ? r4(cal.brierBaseline) : null },
    ],
    reason,
  };
}

/** `strict`: an unknown symbol is the caller's error (404) rather than one entry of a list. */
export async function recommendations({ symbols, strict = false }: { symbols?: string[]; strict?: boolean } = {}): Promise<RecommendationsResponse> {
  const list = [...new Set((symbols?.length ? symbols : getWatchlist()).map((s) => s.toUpperCase()))];
  const drafts = [];
  for (const symbol of list) {
    try {
      drafts.push(await draftFor({ symbol }));
    } catch (err) {
      if (strict || !(err instanceof AppError)) throw err;
      drafts.push({ symbol, status: "error" as const, reason: err.message });
    }
  }
  const tests: { d: number; h: HorizonKey; p: number | null }[] = [];
  drafts.forEach((d, i) => {
    if (!("result" in d)) return;
    for (const h of HORIZON_KEYS) if (d.result.models.find((m) => m.name === d.model)?.horizons[h]) tests.push({ d: i, h, p: d.calibrations?.get(HORIZONS[h])?.pValue ?? null });
  });
  const adjusted = benjaminiHochberg(tests.map((t) => t.p));
  const adj = new Map(tests.map((t, i) => [`${t.d}|${t.h}`, adjusted[i]]));
  const out: SymbolRecommendation[] = drafts.map((d, i) => {
    if (!("result" in d)) return d;
    const horizons = HORIZON_KEYS.flatMap((h) => horizonRecommendation({ draft: d, h, adjusted: adj.get(`${i}|${h}`) ?? null }) ?? []);
    const { result } = d;
    return { symbol: d.symbol, status: "ready", asOf: result.asOf, source: result.source, historical: result.historical, lastClose: result.lastClose, model: d.model, version: d.version, horizons };
  });
  return {
    generatedAt: new Date().toISOString(),
    disclaimer: DISCLAIMER,
    correction: { method: "benjamini-hochberg", tests: adjusted.filter((x) => x !== null).length, alpha: SIGNIFICANCE },
    recommendations: out,
  };
}
