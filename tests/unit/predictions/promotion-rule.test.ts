import { describe, expect, it } from "vitest";
import { decidePromotion, PROMOTION_TOLERANCE } from "@/server/training/promotion";

describe("promotion rule", () => {
  it("promotes the first version of a model", () => {
    expect(decidePromotion({ candidate: { 1: 1.2, 2: 1.1, 5: 1.3 }, active: null })).toEqual({ promote: true, reason: "no active version" });
  });

  it("promotes a candidate within the tolerance at every horizon, including a slightly worse one", () => {
    const active = { 1: 1.0, 2: 0.99, 5: 1.01 };
    expect(decidePromotion({ candidate: { 1: 0.98, 2: 0.99, 5: 1.01 + PROMOTION_TOLERANCE }, active }).promote).toBe(true);
  });

  it("keeps a candidate that is worse than the tolerance at any one horizon, naming it", () => {
    const d = decidePromotion({ candidate: { 1: 0.9, 2: 1.0201, 5: 0.9 }, active: { 1: 1.0, 2: 1.01, 5: 1.0 } });
    expect(d).toEqual({ promote: false, reason: "worse at 2d: MAE ratio 1.0201 vs active 1.0100 (tolerance 0.01)" });
  });

  it("does not let a candidate without a measured ratio replace a measured incumbent", () => {
    expect(decidePromotion({ candidate: { 1: 0.9, 2: null }, active: { 1: 1.0, 2: 1.0 } }).promote).toBe(false);
    expect(decidePromotion({ candidate: { 1: 0.9 }, active: { 1: 1.0, 5: 1.0 } }).promote).toBe(false);
    // An incumbent horizon without a measured ratio does not block.
    expect(decidePromotion({ candidate: { 1: 0.9 }, active: { 1: 1.0, 5: null } }).promote).toBe(true);
  });
});
