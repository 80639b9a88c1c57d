// The promotion rule: a candidate replaces the active version of its model only if, at every horizon, its
// 95% Winkler (interval) score is not worse (beyond a 0.5% tolerance) and its MAE ratio to naive is not
// worse beyond the Diebold–Mariano noise band (the larger of the two versions' 95% bands). Both figures are
// walk-forward, on held-out origins, and stay comparable when the two versions were backtested a week apart.
export const WINKLER_TOLERANCE = 0.005;

export interface PromotionFigures {
  winkler95: number | null;
  maeRatio: number | null;
  /** Half-width of the 95% noise band of maeRatio. */
  maeRatioNoise: number | null;
}

export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

const ok = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

/** Figures by horizon (trading days). Missing or non-finite candidate figures never beat a measured incumbent. */
export function decidePromotion({
  candidate,
  active,
}: {
  candidate: Record<number, PromotionFigures>;
  active: Record<number, PromotionFigures> | null;
}): PromotionDecision {
  if (!active) return { promote: true, reason: "no active version" };
  for (const [steps, inc] of Object.entries(active)) {
    const c = candidate[Number(steps)];
    if (ok(inc.winkler95)) {
      if (!ok(c?.winkler95)) return { promote: false, reason: `no walk-forward 95% interval score at ${steps}d (active ${inc.winkler95.toFixed(3)})` };
      if (c.winkler95 > inc.winkler95 * (1 + WINKLER_TOLERANCE)) {
        return { promote: false, reason: `worse intervals at ${steps}d: 95% Winkler score ${c.winkler95.toFixed(3)} vs active ${inc.winkler95.toFixed(3)}` };
      }
    }
    if (ok(inc.maeRatio)) {
      if (!ok(c?.maeRatio)) return { promote: false, reason: `no walk-forward MAE ratio at ${steps}d (active ${inc.maeRatio.toFixed(4)})` };
      const band = Math.max(ok(c.maeRatioNoise) ? c.maeRatioNoise : 0, ok(inc.maeRatioNoise) ? inc.maeRatioNoise : 0);
      if (c.maeRatio > inc.maeRatio + band) {
        return { promote: false, reason: `worse at ${steps}d: MAE ratio ${c.maeRatio.toFixed(4)} vs active ${inc.maeRatio.toFixed(4)} (noise band ${band.toFixed(4)})` };
      }
    }
  }
  return { promote: true, reason: "not worse than the active version at any horizon (interval score, and MAE within noise)" };
}
