// The forecast in one sentence per horizon: the most likely price on the target date and the 80% and 95%
// ranges, from the model whose ranges scored best in the walk-forward backtest (the naive last-close
// forecast when no model beats it), with how often such ranges held on held-out days.
import { HORIZON_KEYS, type HorizonKey } from "@/server/forecast/vocabulary";
import type { ModelPrediction, PredictionResult } from "@/server/predictions";
import { formatPrice } from "@/components/lib/format";
import { modelLabel } from "./model-labels";

export const HORIZON_WORDS: Record<HorizonKey, string> = { "1d": "Next trading day", "2d": "In 2 trading days", "1w": "In 1 week" };

export interface HeadlineLine {
  horizon: HorizonKey;
  model: ModelPrediction["name"];
  /** true when the naive baseline drives the line because no model's ranges scored better. */
  baseline: boolean;
  price: number;
  targetDate: string;
  i80: [number, number] | null;
  i95: [number, number] | null;
  held80: number | null;
  held95: number | null;
  origins: number | null;
}

const score = (m: ModelPrediction, h: HorizonKey): number | null => {
  const w = m.horizons[h]?.intervals ? m.horizons[h]?.backtest?.winkler95 : null;
  return w != null && Number.isFinite(w) ? w : null;
};

/**
 * The model behind a horizon's sentence: the lowest 95% range (Winkler) score, a proper score for ranges,
 * so narrow ranges that still hold win. The baseline is listed first and kept on a tie: a model has to beat it.
 */
export function headlineModel(result: PredictionResult, horizon: HorizonKey): ModelPrediction | undefined {
  const ordered = [...result.models.filter((m) => m.name === result.baseline), ...result.models.filter((m) => m.name !== result.baseline)];
  let best: ModelPrediction | undefined;
  for (const m of ordered) {
    const s = score(m, horizon);
    if (s !== null && (best === undefined || s < score(best, horizon)!)) best = m;
  }
  return best ?? ordered.find((m) => m.horizons[horizon]);
}

export function headlineLines(result: PredictionResult): HeadlineLine[] {
  return HORIZON_KEYS.flatMap((horizon) => {
    const m = headlineModel(result, horizon);
    const h = m?.horizons[horizon];
    if (!m || !h) return [];
    const b = h.backtest;
    return [
      {
        horizon,
        model: m.name,
        baseline: m.name === result.baseline,
        price: h.price,
        targetDate: h.targetDate,
        i80: h.intervals?.["80"] ?? null,
        i95: h.intervals?.["95"] ?? null,
        held80: b?.coverage80 ?? null,
        held95: b?.coverage95 ?? null,
        origins: b?.origins ?? null,
      },
    ];
  });
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2024-03-11" -> "Mon 11 Mar 2024" (a calendar date: no time zone may shift it). */
export function dateInWords(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const between = (iv: [number, number]) => `between ${formatPrice(iv[0])} and ${formatPrice(iv[1])}`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** "Most likely near $170.73 on Mon 11 Mar 2024; 80% chance between …, 95% chance between …." */
export function headlineSentence(line: HeadlineLine): string {
  const ranges = [line.i80 && `80% chance ${between(line.i80)}`, line.i95 && `95% chance ${between(line.i95)}`].filter(Boolean).join(", ");
  return `Most likely near ${formatPrice(line.price)} on ${dateInWords(line.targetDate)}${ranges ? `; ${ranges}` : ""}.`;
}

/** "In the backtest such ranges held 81% and 95% of the time (over 500 held-out days)." */
export function heldSentence(line: HeadlineLine): string | null {
  if (line.held80 == null && line.held95 == null) return null;
  const parts = [line.held80 != null ? `${pct(line.held80)} (80% range)` : null, line.held95 != null ? `${pct(line.held95)} (95% range)` : null].filter(Boolean);
  return `In the backtest such ranges held ${parts.join(" and ")} of the time${line.origins ? `, over ${line.origins} held-out days` : ""}.`;
}

/** Which model the line comes from, and why. */
export function sourceSentence(line: HeadlineLine): string {
  return line.baseline
    ? "From the last close with its measured ranges: no model's ranges scored better in the backtest, as expected when daily prices are close to a random walk."
    : `From ${modelLabel(line.model)}, whose ranges scored best in the backtest.`;
}
