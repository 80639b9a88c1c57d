import { describe, expect, it } from "vitest";
import type { HorizonBacktest } from "@/server/forecast/backtest";
import { directionCalibration, walkForwardProbabilities } from "@/server/forecast/direction-calibration";
import { benjaminiHochberg } from "@/server/recommendations/multiple-testing";
import { probabilityUp, probabilityUpOfPrices, quantilesOfIntervals } from "@/server/forecast/direction-probability";

describe("probabilityUp", () => {
  it("interpolates the CDF between quantiles and clamps beyond the outermost ones", () => {
    // Median +1%, 80% interval [-1%, +3%]: 0 sits halfway between the 10% and 50% quantiles -> CDF 0.30.
    const q = quantilesOfIntervals({ median: 0.01, intervals: [{ level: 0.8, lower: -0.01, upper: 0.03 }] });
    expect(q.map((x) => ({ p: Number(x.p.toFixed(12)), value: x.value }))).toEqual([
      { p: 0.5, value: 0.01 },
      { p: 0.1, value: -0.01 },
      { p: 0.9, value: 0.03 },
    ]);
    expect(probabilityUp(q)).toBeCloseTo(0.7, 12);
    expect(probabilityUp([{ p: 0.1, value: 0.02 }, { p: 0.9, value: 0.05 }])).toBeCloseTo(0.9, 12);
    expect(probabilityUp([{ p: 0.1, value: -0.05 }, { p: 0.9, value: -0.02 }])).toBeCloseTo(0.1, 12);
    expect(probabilityUp([{ p: 0.5, value: 0 }])).toBeNull();
  });

  it("reads served price intervals in log-return space around the last close", () => {
    // A symmetric forecast at the last close is a coin flip.
    expect(probabilityUpOfPrices({ lastClose: 100, price: 100, intervals: { "80": [95, 100 * (100 / 95)], "95": [90, 100 * (100 / 90)] } })).toBeCloseTo(0.5, 12);
    // Last close at the 80% lower bound: P(up) = 0.9.
    expect(probabilityUpOfPrices({ lastClose: 100, price: 104, intervals: { "80": [100, 108], "95": [97, 111] } })).toBeCloseTo(0.9, 12);
    expect(probabilityUpOfPrices({ lastClose: 100, price: 104, intervals: null })).toBeNull();
  });
});

describe("benjaminiHochberg", () => {
  it("matches the step-up adjustment worked by hand, keeping input order and nulls", () => {
    // sorted .005,.01,.03,.04 -> .02,.02,.04,.04
    const adj = benjaminiHochberg([0.01, 0.04, null, 0.03, 0.005]);
    expect(adj.map((x) => (x === null ? null : Number(x.toFixed(10))))).toEqual([0.02, 0.04, null, 0.04, 0.02]);
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

/** A backtest of `n` one-step origins with a given forecast and outcome sign pattern, constant volatility. */
function syntheticBacktest({ forecast, actual }: { forecast: number[]; actual: number[] }): HorizonBacktest {
  const n = forecast.length;
  return {
    horizon: "1d",
    steps: 1,
    origin: Int32Array.from({ length: n }, (_, i) => i),
    originPrice: new Float64Array(n).fill(100),
    forecast: Float64Array.from(forecast),
    actual: Float64Array.from(actual),
    modelSd: new Float64Array(n).fill(Number.NaN),
    vol: new Float64Array(n).fill(0.01),
    scale: new Float64Array(n).fill(0.01),
    refScale: new Float64Array(n).fill(0.01),
    volModel: "ewma",
    fellBack: new Uint8Array(n),
    evalStart: 0,
  };
}

describe("directionCalibration", () => {
  // Outcomes alternate +1%/-1%; the model forecasts the sign right every time at ±0.5%.
  const actual = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0.01 : -0.01));
  const skilled = syntheticBacktest({ forecast: actual.map((a) => a / 2), actual });

  it("scores only origins with enough known residuals, stating probabilities from them alone", () => {
    const wf = walkForwardProbabilities(skilled, { minCalibration: 60 });
    expect(wf.stated).toHaveLength(200 - 60);
    // Every known scaled |residual| is 0.5, so all conformal quantiles are 0.5·vol: a +0.5% forecast
    // puts 0 exactly at its lowest quantile (0.5%) -> P(up) = 0.995; a -0.5% one -> 0.005.
    expect(wf.stated[0]).toBeCloseTo(0.995, 12);
    expect(wf.stated[1]).toBeCloseTo(0.005, 12);
    expect(wf.priorUpShare[0]).toBeCloseTo(0.5, 12);
  });

  it("a model that calls every down move beats always-up with a tiny p-value and a low Brier score", () => {
    const c = directionCalibration(skilled, { minCalibration: 60 })!;
    expect(c.n).toBe(140);
    expect(c.hitRate).toBe(1);
    expect(c.alwaysUpRate).toBe(0.5);
    expect(c.disagreements).toBe(70);
    expect(c.wins).toBe(70);
    expect(c.pValue).toBeCloseTo(0.5 ** 70, 30);
    expect(c.brier).toBeCloseTo(0.005 ** 2, 12);
    expect(c.brierBaseline).toBeCloseTo(0.25, 2);
    expect(c.reliability.map((b) => b.n)).toEqual([70, 0, 0, 0, 0, 70]);
    expect(c.reliability[0]).toMatchObject({ from: 0, to: 0.4, observedUp: 0 });
    expect(c.reliability[5]).toMatchObject({ from: 0.6, to: 1, observedUp: 1 });
  });

  it("a model that always says up has no disagreement with the baseline, so p = 1", () => {
    const c = directionCalibration(syntheticBacktest({ forecast: actual.map(() => 0.001), actual }), { minCalibration: 60 })!;
    expect(c.disagreements).toBe(0);
    expect(c.pValue).toBe(1);
    expect(c.hitRate).toBe(c.alwaysUpRate);
  });
});
