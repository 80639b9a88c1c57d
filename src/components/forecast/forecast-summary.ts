// The plain-language line above the forecast table: whether any model has a measured edge over the last
// price, and how the reference model's 95% range held up on held-out days.
import type { HorizonKey } from "@/server/forecast/vocabulary";
import type { ModelPrediction, PredictionResult } from "@/server/predictions";
import { headlineModel } from "./headline-lines";
import { halfWidth } from "./interval-score";
import { modelLabel } from "./model-labels";

export const EDGE_ALPHA = 0.05;

/** The model the chart and summary describe by default: the ensemble, else the first non-baseline model. */
export function referenceModel(result: PredictionResult): ModelPrediction | undefined {
  return result.models.find((m) => m.name === "ensemble") ?? result.models.find((m) => m.name !== result.baseline) ?? result.models[0];
}

/** Models with a lower walk-forward MAE than naive whose Diebold–Mariano p-value survives Bonferroni over the models tested. */
export function modelsWithEdge(result: PredictionResult, horizon: HorizonKey): ModelPrediction[] {
  const tested = result.models.filter((m) => m.name !== result.baseline && m.horizons[horizon]?.backtest?.dmPValue != null);
  const k = Math.max(1, tested.length);
  return tested.filter((m) => {
    const b = m.horizons[horizon]!.backtest!;
    return b.maeRatio !== null && b.maeRatio < 1 && b.dmPValue! * k < EDGE_ALPHA;
  });
}

const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;
const span = (n: number) => (n >= 480 ? "two years" : n >= 240 ? "year" : `${n} trading days`);

export function forecastSummary(result: PredictionResult, horizon: HorizonKey): string {
  const edge = modelsWithEdge(result, horizon);
  const first =
    edge.length === 0
      ? "No model has a measured edge over the last price"
      : `${edge.map((m) => modelLabel(m.name)).join(", ")} had a smaller error than the last price on held-out days (significant after correcting for ${result.models.length - 1} models)`;
  // The same model as the headline sentence at this horizon, so the page never describes two models at once.
  const ref = headlineModel(result, horizon) ?? referenceModel(result);
  const b = ref?.horizons[horizon]?.backtest;
  if (!ref || !b || b.coverage95 == null) return `${first}.`;
  // width95 is already in % of the price (a mean full width of 8.51 reads "±4.25%").
  const width = b.width95 != null ? ` and was ${halfWidth(b.width95)} wide on average` : "";
  return `${first}; over the past ${span(b.origins)} the ${modelLabel(ref.name)} 95% range held ${pct(b.coverage95)} of outcomes${width}.`;
}
