// The promotion rule: a candidate replaces the active version of its model only if it is not worse at any
// horizon. "Worse" is judged on the walk-forward MAE ratio to naive (MAE / naive MAE on the same held-out
// origins), which stays comparable when the two versions were backtested on windows a week apart.
export const PROMOTION_TOLERANCE = 0.01;

export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

/** Ratios by horizon (trading days). Missing or non-finite candidate figures never beat a measured incumbent. */
export function decidePromotion({
  candidate,
  active,
  tolerance = PROMOTION_TOLERANCE,
}: {
  candidate: Record<number, number | null>;
  active: Record<number, number | null> | null;
  tolerance?: number;
}): PromotionDecision {
  if (!active) return { promote: true, reason: "no active version" };
  for (const [steps, incumbent] of Object.entries(active)) {
    if (incumbent === null || !Number.isFinite(incumbent)) continue;
    const c = candidate[Number(steps)];
    if (c === null || c === undefined || !Number.isFinite(c)) {
      return { promote: false, reason: `no walk-forward MAE ratio at ${steps}d (active ${incumbent.toFixed(4)})` };
    }
    if (c > incumbent + tolerance) {
      return { promote: false, reason: `worse at ${steps}d: MAE ratio ${c.toFixed(4)} vs active ${incumbent.toFixed(4)} (tolerance ${tolerance})` };
    }
  }
  return { promote: true, reason: "not worse than the active version at any horizon" };
}
