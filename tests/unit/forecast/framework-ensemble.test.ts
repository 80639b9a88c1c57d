import { describe, expect, it } from "vitest";
import { backtest, volPlanFor, type BacktestResult, type HorizonBacktest } from "@/server/forecast/backtest";
import { readSeriesCsv } from "@/server/forecast/data";
import { scoreIntervals } from "@/server/forecast/interval-scores";
import { dieboldMariano, scoredArrays } from "@/server/forecast/metrics";
import { arimaModel } from "@/server/forecast/models/arima";
import { driftModel } from "@/server/forecast/models/drift";
import { ENSEMBLE_WEIGHTS, ensembleBacktest, finalWeights } from "@/server/forecast/models/ensemble";
import { chooseEnsembleWeights, combined, conformalCrps, memberRows, type MemberRows } from "@/server/forecast/models/ensemble-weights";
import { gbtModel } from "@/server/forecast/models/gbt";
import { naiveModel } from "@/server/forecast/models/naive";
import { randomForestModel } from "@/server/forecast/models/random-forest";
import { HORIZON_KEYS, type ModelName } from "@/server/forecast/types";
import { alterFuture } from "./look-ahead";

describe("ensemble weights", () => {
  it("are fixed per horizon, sum to 1 and name only base models", () => {
    for (const h of HORIZON_KEYS) {
      const w = ENSEMBLE_WEIGHTS[h];
      expect(Object.values(w).reduce((s, v) => s + (v ?? 0), 0)).toBeCloseTo(1, 12);
      for (const [name, v] of Object.entries(w)) {
        expect(name).not.toBe("ensemble");
        expect(v).toBeGreaterThan(0);
      }
    }
  });

  it("hand a member's weight to naive where it is not trained or its final fit fell back", () => {
    const weights = { "1d": { naive: 0.5, drift: 0.3, gbt: 0.2 }, "2d": { naive: 1 }, "1w": { drift: 0.6, arima: 0.4 } } as const;
    const w = finalWeights({ trained: ["naive", "drift", "gbt"], fellBack: { gbt: ["1d"] }, weights });
    expect(w["1d"]).toEqual({ naive: 0.7, drift: 0.3 });
    expect(w["2d"]).toEqual({ naive: 1 });
    expect(w["1w"].drift).toBe(0.6);
    expect(w["1w"].naive).toBeCloseTo(0.4, 12);
    expect(w["1w"].arima).toBeUndefined();
  });
});

/** A synthetic symbol: one member forecasts the signal in the outcome, one forecasts noise. */
function synthetic(n: number, seed: number): MemberRows {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const signal = Float64Array.from({ length: n }, () => 0.01 * normal());
  const actual = signal.map((x) => x + 0.01 * normal());
  return {
    steps: 1,
    origin: Int32Array.from({ length: n }, (_v, i) => i),
    actual,
    scale: new Float64Array(n).fill(0.014),
    evalStart: 126,
    forecasts: new Map<ModelName, Float64Array>([
      ["naive", new Float64Array(n)],
      ["gbt", signal],
      ["lstm", Float64Array.from({ length: n }, () => 0.01 * normal())],
    ]),
  };
}

describe("choosing the weights by CRPS", () => {
  it("puts the weight on the member that forecasts the signal and none on noise", () => {
    const rows = [synthetic(630, 1), synthetic(630, 2), synthetic(630, 3)];
    const c = chooseEnsembleWeights(rows);
    expect(c.weights.gbt).toBeGreaterThanOrEqual(0.85);
    expect(c.weights.lstm ?? 0).toBeLessThanOrEqual(0.05);
    expect(c.crps).toBeLessThan(c.naiveCrps * 0.9);
    // Every weight on the 0.05 grid and the simplex.
    const ws = Object.values(c.weights) as number[];
    expect(ws.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 9);
    for (const v of ws) expect(Math.abs(v * 20 - Math.round(v * 20))).toBeLessThan(1e-9);
  });

  it("scores exactly what scoreIntervals scores for the ensemble's backtest", async () => {
    const series = readSeriesCsv({ symbol: "WMT" });
    const volPlan = volPlanFor({ series });
    const members: BacktestResult[] = [];
    for (const spec of [naiveModel, driftModel]) members.push(await backtest({ spec, series, origins: 504, warmup: 126, refitEvery: 126, volPlan }));
    const weights = { "1d": { naive: 0.4, drift: 0.6 }, "2d": { drift: 1 }, "1w": { naive: 0.75, drift: 0.25 } };
    const ens = ensembleBacktest({ members, weights });
    for (const h of HORIZON_KEYS) {
      const rows = memberRows(members, h)!;
      const f = combined(rows, weights[h]);
      expect(Array.from(f)).toEqual(Array.from(ens.horizons[h]!.forecast));
      const fast = conformalCrps(rows, f);
      const slow = scoreIntervals(ens.horizons[h] as HorizonBacktest).crps;
      expect(fast.n).toBe(slow.length);
      expect(fast.sum).toBeCloseTo(slow.reduce((a, v) => a + v, 0), 8);
      // Other interval settings take the slow path and agree too.
      const aci = conformalCrps(rows, f, { gamma: 0.0025 });
      expect(aci.sum).toBeCloseTo(scoreIntervals(ens.horizons[h] as HorizonBacktest, { gamma: 0.0025 }).crps.reduce((a, v) => a + v, 0), 8);
    }
  }, 120_000);
});

describe("ensemble without look-ahead", () => {
  it("gives the same combination at every origin before a changed future, and a different one after", async () => {
    const series = readSeriesCsv({ symbol: "MSFT" });
    const cut = series.close.length - 200;
    const weights = { "1d": { naive: 0.5, drift: 0.5 }, "2d": { drift: 1 }, "1w": { naive: 0.25, drift: 0.75 } };
    const run = async (s: typeof series) => {
      const volPlan = volPlanFor({ series: s });
      const members = [await backtest({ spec: naiveModel, series: s, volPlan }), await backtest({ spec: driftModel, series: s, volPlan })];
      return ensembleBacktest({ members, weights });
    };
    const a = await run(series);
    const b = await run(alterFuture(series, cut));
    for (const h of HORIZON_KEYS) {
      const x = a.horizons[h]!;
      const y = b.horizons[h]!;
      const before = Array.from(x.origin).filter((t) => t < cut).length;
      expect(Array.from(y.forecast.subarray(0, before))).toEqual(Array.from(x.forecast.subarray(0, before)));
      expect(Array.from(y.scale.subarray(0, before))).toEqual(Array.from(x.scale.subarray(0, before)));
      expect(Array.from(y.forecast.subarray(before))).not.toEqual(Array.from(x.forecast.subarray(before)));
    }
  }, 120_000);
});

describe("ensemble on real data", () => {
  it("combines its members with the fixed weights at every origin and is not worse than naive beyond noise on JPM", async () => {
    const series = readSeriesCsv({ symbol: "JPM" });
    const members: BacktestResult[] = [];
    // Quarterly-to-half-yearly refits keep the test fast. One volatility plan for all members, as training shares it.
    const volPlan = volPlanFor({ series });
    for (const spec of [naiveModel, driftModel, arimaModel, randomForestModel, gbtModel]) {
      members.push(await backtest({ spec, series, origins: 504, warmup: 126, refitEvery: 126, volPlan }));
    }
    const ens = ensembleBacktest({ members });
    for (const h of HORIZON_KEYS) {
      const b = ens.horizons[h]!;
      const s = scoredArrays(b);
      expect(s.forecast.length).toBe(504);
      const eEns = s.actualRet.map((a, i) => a - s.forecast[i]);
      const dm = dieboldMariano({ e1: eEns, e2: s.actualRet, h: b.steps, loss: "absolute" });
      // Not significantly worse (one-sided 5%); NaN when the ensemble is naive at this horizon (no differential).
      expect(dm.stat >= 1.645).toBe(false);
      // Each origin: the shipped weights times the members' forecasts there, a fallen-back member counting as naive.
      for (const i of [0, 200, b.origin.length - 1]) {
        const expected = members.reduce((x, m) => {
          const mb = m.horizons[h]!;
          const w = (ENSEMBLE_WEIGHTS[h] as Record<string, number>)[m.model] ?? 0;
          return x + (m.model === "naive" || mb.fellBack[i] ? 0 : w * mb.forecast[i]);
        }, 0);
        expect(b.forecast[i]).toBeCloseTo(expected, 15);
      }
    }
    // A member marked as fallen back everywhere counts for nothing: the same combination as without it.
    const weights = { "1d": { naive: 0.5, gbt: 0.3, drift: 0.2 }, "2d": { gbt: 1 }, "1w": { gbt: 0.5, arima: 0.5 } };
    const fell = members.map((m) =>
      m.model !== "gbt" ? m : { ...m, horizons: Object.fromEntries(Object.entries(m.horizons).map(([h, b]) => [h, { ...b, fellBack: new Uint8Array(b.origin.length).fill(1) }])) },
    );
    const without = members.filter((m) => m.model !== "gbt");
    expect(Array.from(ensembleBacktest({ members: fell, weights }).horizons["1w"]!.forecast)).toEqual(Array.from(ensembleBacktest({ members: without, weights }).horizons["1w"]!.forecast));
    expect(Array.from(ensembleBacktest({ members, weights }).horizons["1w"]!.forecast)).not.toEqual(Array.from(ensembleBacktest({ members: without, weights }).horizons["1w"]!.forecast));
    // Five walk-forward backtests of real models: long on a shared machine, and no timing is asserted.
  }, 300_000);
});
