// The API's directionHitRate: among the held-out origins where a model called a direction, the share it got
// right, derived from the stored accuracy and call rate (both shares of the same origins).
import { describe, expect, it } from "vitest";
import { directionAccuracy } from "@/server/forecast/metrics";
import { figuresOf } from "@/server/registry/catalog";

type Row = Parameters<typeof figuresOf>[0];
const NULL_FIGURES = Object.fromEntries(
  ["mae", "rmse", "mape", "maeRatio", "maeRatioNoise", "directionPValue", "directionBaseline", "dmStat", "dmPValue", "coverage80", "coverage95", "coverage99", "width95", "winkler80", "winkler95", "winkler99", "crps", "coverage95Low", "coverage95Mid", "coverage95High", "kupiec95P", "kupiec99P", "christoffersen95P", "christoffersen99P", "baselZone", "baselExceptions", "volModel", "fellBackShare"].map((k) => [k, null]),
);
const row = (r: { directionAccuracy: number | null; callRate: number | null; nOrigins: number }): Row => ({ ...NULL_FIGURES, horizon: 1, ...r }) as Row;

describe("direction hit rate among calls", () => {
  it("is correct calls over calls, for a model that abstains on most days", () => {
    // 12 origins with a move; the model calls on 4 of them (3 right) and abstains (zero forecast) on 8.
    const actual = [1, -1, 1, 1, -1, 1, -1, 1, 1, -1, 1, 1];
    const forecast = [1, -1, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const d = directionAccuracy(actual, forecast);
    expect([d.calls, d.correct, d.n]).toEqual([4, 3, 12]);
    const f = figuresOf(row({ directionAccuracy: d.accuracy, callRate: d.callRate, nOrigins: d.n }));
    expect(f.directionAccuracy).toBeCloseTo(3 / 12, 12); // what the old column showed: abstentions as misses
    expect(f.callRate).toBeCloseTo(4 / 12, 12);
    expect(f.directionHitRate).toBeCloseTo(3 / 4, 12);
  });

  it("is null for a model that never calls (naive) and when the figures are missing", () => {
    const d = directionAccuracy([1, -1, 1], [0, 0, 0]);
    expect(figuresOf(row({ directionAccuracy: d.accuracy, callRate: d.callRate, nOrigins: d.n })).directionHitRate).toBeNull();
    expect(figuresOf(row({ directionAccuracy: null, callRate: null, nOrigins: 0 })).directionHitRate).toBeNull();
  });
});
