// How the 95% range of each model is judged in the forecast table: its interval (Winkler) score and mean
// width, both from the walk-forward backtest and in % of the price, and which model scores lowest.
import type { HorizonKey } from "@/server/forecast/vocabulary";
import type { PredictionResult } from "@/server/predictions";

/** A figure already in % of the price (the API's `winkler95`, `width95`), e.g. 11.8435 -> "11.84%". */
export function percentOfPrice(x: number | null | undefined, digits = 2): string {
  return x == null || !Number.isFinite(x) ? "–" : `${x.toFixed(digits)}%`;
}

/** Half the mean width, as the "±" a reader expects: width95 8.5064 -> "±4.25%". */
export function halfWidth(width95: number | null | undefined, digits = 2): string {
  return width95 == null || !Number.isFinite(width95) ? "–" : `±${(width95 / 2).toFixed(digits)}%`;
}

/** The text of the score cell: the score, then the width it came with. */
export function scoreCell(b: { winkler95?: number | null; width95?: number | null } | null | undefined): { score: string; width: string } {
  return { score: percentOfPrice(b?.winkler95), width: b?.width95 == null ? "" : `width ${percentOfPrice(b.width95)}` };
}

/**
 * Models with the lowest 95% range score at this horizon (several when tied to the shown precision);
 * empty when fewer than two models have a score, since "lowest of one" tells nobody anything.
 */
export function lowestScore(result: PredictionResult, horizon: HorizonKey): string[] {
  const scored = result.models
    .map((m) => ({ name: m.name, w: m.horizons[horizon]?.backtest?.winkler95 }))
    .filter((s): s is { name: PredictionResult["models"][number]["name"]; w: number } => s.w != null && Number.isFinite(s.w));
  if (scored.length < 2) return [];
  const best = Math.min(...scored.map((s) => Number(s.w.toFixed(2))));
  return scored.filter((s) => Number(s.w.toFixed(2)) === best).map((s) => s.name);
}

/** The plain-language reading of the score column, shown under the table. */
export const SCORE_EXPLANATION =
  "Range score: the width of the 95% range plus a penalty of 40 times how far the price ended outside it, averaged over the held-out days, in % of the price. Lower is better: it rewards ranges that are narrow and still hold the outcome. Width is the range's average full width.";
