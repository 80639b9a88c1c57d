import { describe, expect, it } from "vitest";
import { backtest, volPlanFor, type BacktestResult } from "@/server/forecast/backtest";
import { readSeriesCsv } from "@/server/forecast/data";
import { dieboldMariano, scoredArrays } from "@/server/forecast/metrics";
import { arimaModel } from "@/server/forecast/models/arima";
import { driftModel } from "@/server/forecast/models/drift";
import { ensembleBacktest, learnWeights } from "@/server/forecast/models/ensemble";
import { gbtModel } from "@/server/forecast/models/gbt";
import { naiveModel } from "@/server/forecast/models/naive";
import { randomForestModel } from "@/server/forecast/models/random-forest";
import type { ModelName } from "@/server/forecast/types";

describe("ensemble weights", () => {
  it("give inverse-MSE weight only to members that beat naive, shrunk halfway toward naive", () => {
    const actual = [0.01, -0.02, 0.015, 0.005, -0.01, 0.02];
    const good = actual.map((a) => a * 0.5); // SSE = SSE_naive / 4
    const bad = actual.map((a) => -a); // SSE = 4 x SSE_naive
    const w = learnWeights({ forecasts: new Map<ModelName, number[]>([["arima", good], ["gbt", bad]]), actual, shrink: 0.5 });
    const sseNaive = actual.reduce((s, a) => s + a * a, 0);
    const invNaive = 1 / sseNaive;
    const invGood = 4 / sseNaive;
    expect(w.gbt).toBeUndefined();
    expect(w.arima).toBeCloseTo(0.5 * (invGood / (invGood + invNaive)), 12);
    expect(w.naive).toBeCloseTo(0.5 + 0.5 * (invNaive / (invGood + invNaive)), 12);
    expect((w.arima ?? 0) + (w.naive ?? 0)).toBeCloseTo(1, 12);
  });
});

describe("ensemble on real data", () => {
  it("is not worse than naive by more than noise on JPM over the last two years at every horizon", async () => {
    const series = readSeriesCsv({ symbol: "JPM" });
    const members: BacktestResult[] = [];
    // Quarterly-to-half-yearly refits keep the test fast; weights still only use past errors. One volatility
    // plan for all members, as training shares it.
    const volPlan = volPlanFor({ series });
    for (const spec of [naiveModel, driftModel, arimaModel, randomForestModel, gbtModel]) {
      members.push(await backtest({ spec, series, origins: 504, warmup: 126, refitEvery: 126, volPlan }));
    }
    const ens = ensembleBacktest({ members });
    for (const h of ["1d", "2d", "1w"] as const) {
      const b = ens.horizons[h]!;
      const s = scoredArrays(b);
      expect(s.forecast.length).toBe(504);
      const eEns = s.actualRet.map((a, i) => a - s.forecast[i]);
      const eNaive = s.actualRet;
      const dm = dieboldMariano({ e1: eEns, e2: eNaive, h: b.steps, loss: "absolute" });
      // Not significantly worse (one-sided 5%), and the MAE ratio stays within 2%.
      expect(dm.stat).toBeLessThan(1.645);
      const ratio = eEns.reduce((x, e) => x + Math.abs(e), 0) / eNaive.reduce((x, e) => x + Math.abs(e), 0);
      expect(ratio).toBeLessThan(1.02);
    }
    // Each 1d combination uses weights learned from the errors known before its origin only.
    const b1 = ens.horizons["1d"]!;
    for (const i of [59, 60, 300, b1.origin.length - 1]) {
      // Members that had fallen back to the mean return at origin i take no part in its weights.
      const live = members.filter((m) => !m.horizons["1d"]!.fellBack[i]);
      const forecasts = new Map<ModelName, Float64Array>(live.map((m) => [m.model, m.horizons["1d"]!.forecast.subarray(0, i)]));
      const expected =
        i < 60
          ? 0
          : (() => {
              const w = learnWeights({ forecasts, actual: b1.actual.subarray(0, i), from: Math.max(0, i - 250), to: i });
              return members.reduce((x, m) => x + (m.model === "naive" ? 0 : (w[m.model] ?? 0) * m.horizons["1d"]!.forecast[i]), 0);
            })();
      expect(b1.forecast[i]).toBeCloseTo(expected, 15);
    }
    // A member marked as fallen back everywhere counts for nothing: the same combination as without it.
    const fell = members.map((m) =>
      m.model !== "gbt" ? m : { ...m, horizons: Object.fromEntries(Object.entries(m.horizons).map(([h, b]) => [h, { ...b, fellBack: new Uint8Array(b.origin.length).fill(1) }])) },
    );
    const without = members.filter((m) => m.model !== "gbt");
    expect(Array.from(ensembleBacktest({ members: fell }).horizons["1w"]!.forecast)).toEqual(Array.from(ensembleBacktest({ members: without }).horizons["1w"]!.forecast));
    // Five walk-forward backtests of real models: long on a shared machine, and no timing is asserted.
  }, 300_000);
});
