import { describe, expect, it } from "vitest";
import { decidePromotion, WINKLER_TOLERANCE, type PromotionFigures } from "@/server/registry/promotion";

const fig = (winkler95: number | null, maeRatio: number | null, maeRatioNoise: number | null = 0.004): PromotionFigures => ({ winkler95, maeRatio, maeRatioNoise });

describe("promotion rule", () => {
  it("promotes the first version of a model", () => {
    expect(decidePromotion({ candidate: { 1: fig(9, 1.2) }, active: null })).toEqual({ promote: true, reason: "no active version" });
  });

  it("promotes on a not-worse interval score and an MAE ratio within the Diebold-Mariano noise band", () => {
    const active = { 1: fig(8.0, 1.0), 2: fig(11.0, 0.99), 5: fig(17.0, 1.01) };
    // 2d's ratio is worse by 0.004, exactly the noise band; 5d's score is worse by the tolerance.
    const candidate = { 1: fig(7.9, 0.98), 2: fig(11.0, 0.994), 5: fig(17 * (1 + WINKLER_TOLERANCE), 1.0) };
    expect(decidePromotion({ candidate, active }).promote).toBe(true);
  });

  it("keeps a candidate with a worse 95% interval score at any horizon, naming it", () => {
    const d = decidePromotion({ candidate: { 1: fig(8.0, 0.9), 5: fig(17.2, 0.9) }, active: { 1: fig(8.0, 1.0), 5: fig(17.0, 1.0) } });
    expect(d).toEqual({ promote: false, reason: "worse intervals at 5d: 95% Winkler score 17.200 vs active 17.000" });
  });

  it("keeps a candidate whose MAE ratio is worse beyond the larger noise band, even with better intervals", () => {
    const d = decidePromotion({ candidate: { 1: fig(7.0, 1.02, 0.005) }, active: { 1: fig(8.0, 1.01, 0.003) } });
    expect(d).toEqual({ promote: false, reason: "worse at 1d: MAE ratio 1.0200 vs active 1.0100 (noise band 0.0050)" });
    expect(decidePromotion({ candidate: { 1: fig(7.0, 1.014, 0.005) }, active: { 1: fig(8.0, 1.01, 0.003) } }).promote).toBe(true);
  });

  it("does not let a candidate without measured figures replace a measured incumbent", () => {
    expect(decidePromotion({ candidate: { 1: fig(null, 0.9) }, active: { 1: fig(8, 1.0) } }).promote).toBe(false);
    expect(decidePromotion({ candidate: { 1: fig(7, null) }, active: { 1: fig(8, 1.0) } }).promote).toBe(false);
    expect(decidePromotion({ candidate: { 1: fig(7, 0.9) }, active: { 1: fig(8, 1.0), 5: fig(17, 1.0) } }).promote).toBe(false);
    // An incumbent without a figure (a version trained before interval scores were stored) does not block.
    expect(decidePromotion({ candidate: { 1: fig(7, 0.9) }, active: { 1: fig(null, 1.0), 5: fig(null, null) } }).promote).toBe(true);
  });
});
