// bench:crps-ceiling's theory part (how much a perfect sd gains over one with log error s, in the quantile CRPS the
// engine is scored by) against closed-form values computed independently: scripts/golden/crps_ceiling_golden.py
// (scipy's normal distribution, Gauss-Hermite quadrature) -> tests/fixtures/forecast/crps-ceiling-golden.json.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gaussianQuantileCrps, sdErrorRatio } from "../../../scripts/bench/crps-ceiling";

const golden = JSON.parse(readFileSync("tests/fixtures/forecast/crps-ceiling-golden.json", "utf8")) as {
  exactSdCrps: number;
  medianShareExactSd: number;
  exactOverErring: Record<string, number>;
};

describe("CRPS ceiling: the theory part", () => {
  it("the seven-level quantile CRPS of N(0, 1) with the exact sd, and its median term's share", () => {
    expect(gaussianQuantileCrps(1)).toBeCloseTo(golden.exactSdCrps, 5);
    // The median's weight is 0.4 of the levels and its pinball is |y| / 2: 2 x 0.4 x E|y| / 2 = 0.4 sqrt(2 / pi).
    expect((0.4 * Math.sqrt(2 / Math.PI)) / gaussianQuantileCrps(1)).toBeCloseTo(golden.medianShareExactSd, 5);
  });

  it("an sd with log error s loses what the closed form says, and nothing at s = 0", () => {
    expect(sdErrorRatio(0)).toBeCloseTo(1, 5);
    for (const [s, want] of Object.entries(golden.exactOverErring)) expect(sdErrorRatio(Number(s)), `s ${s}`).toBeCloseTo(want, 4);
  });
});
