import { describe, expect, it } from "vitest";
import { elasticityOf, intervalPath, type RegimeMode } from "@/server/forecast/intervals";
import { relativeLevel } from "@/server/forecast/regime";

// A volatility forecast that over-reacts: the true sd of the outcome is sd^0.6 (scaled), not sd. Plain
// volatility scaling then over-covers when the forecast is high and under-covers when it is low; the
// regime-aware calibrations (issue 21) flatten coverage across the forecast's terciles.
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
}
function simulate(n: number, power: number, seed = 7) {
  const u = lcg(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const scale = new Float64Array(n);
  const actual = new Float64Array(n);
  let logv = Math.log(0.015);
  for (let i = 0; i < n; i++) {
    // A persistent regime: log sd follows an AR(1) around 1.5%.
    logv = Math.log(0.015) + 0.98 * (logv - Math.log(0.015)) + 0.12 * normal();
    scale[i] = Math.exp(logv);
    const trueSd = 0.015 * (scale[i] / 0.015) ** power;
    actual[i] = trueSd * normal();
  }
  return { origin: Float64Array.from({ length: n }, (_x, i) => i), steps: 1, forecast: new Float64Array(n), actual, scale };
}
/** 95% coverage in the terciles of `key` (the forecast sd unless given), over origins from `from` with an interval. */
function coverageByTercile(p: ReturnType<typeof simulate>, regime: RegimeMode, key: ArrayLike<number> = p.scale, from = 0) {
  const path = intervalPath(p, { regime, window: 500, minCalibration: 250 });
  const idx = [...Array(p.scale.length).keys()].filter((i) => i >= from && !Number.isNaN(path.half["95"][i]));
  const sorted = idx.map((i) => key[i]).sort((a, b) => a - b);
  const cuts = [sorted[Math.floor(sorted.length / 3)], sorted[Math.floor((2 * sorted.length) / 3)]];
  const hit = [0, 0, 0];
  const all = [0, 0, 0];
  for (const i of idx) {
    const t = key[i] < cuts[0] ? 0 : key[i] < cuts[1] ? 1 : 2;
    all[t]++;
    if (Math.abs(p.actual[i]) <= path.half["95"][i]) hit[t]++;
  }
  return { cov: hit.map((h, t) => h / all[t]), beta: path.beta };
}

describe("regime-calibrated intervals on simulated data with known regimes", () => {
  const p = simulate(12_000, 0.6);

  it("the elasticity estimate recovers the true exponent of an over-reacting volatility forecast", () => {
    expect(elasticityOf(Float64Array.from(p.actual, Math.abs), p.scale, 0, p.scale.length)).toBeCloseTo(0.6, 1);
    // A correct forecast has exponent 1.
    const q = simulate(12_000, 1, 11);
    expect(elasticityOf(Float64Array.from(q.actual, Math.abs), q.scale, 0, q.scale.length)).toBeCloseTo(1, 1);
  });

  it("plain scaling covers unevenly across terciles; elasticity and Mondrian are flat within sampling error (±1.5 points)", () => {
    const plain = coverageByTercile(p, "none");
    // Under-covers calm regimes, over-covers turbulent ones.
    expect(plain.cov[0]).toBeLessThan(0.935);
    expect(plain.cov[2]).toBeGreaterThan(0.965);
    for (const mode of ["elasticity", "mondrian"] as const) {
      const r = coverageByTercile(p, mode);
      for (const c of r.cov) expect(Math.abs(c - 0.95)).toBeLessThan(0.015);
    }
    expect(coverageByTercile(p, "elasticity").beta).toBeCloseTo(0.6, 1);
  });

  it("on a well-specified forecast plain scaling is already flat, and the elasticity mode stays flat", () => {
    const q = simulate(12_000, 1, 11);
    for (const mode of ["none", "elasticity"] as const) for (const c of coverageByTercile(q, mode).cov) expect(Math.abs(c - 0.95)).toBeLessThan(0.015);
  });
});

describe("regime calibration on the relative volatility level (sd against its own trailing year)", () => {
  it("the relative level is log sd minus the median log sd of the trailing window, its own value included and nothing later", () => {
    const sd = [1, 2, 4, 8, 0.5];
    const r = relativeLevel(sd, 3);
    // Windows: [1] -> 0; [1,2] median sqrt(2) -> ln 2 - ln sqrt 2; [1,2,4] -> ln 4 - ln 2; [2,4,8] -> ln 8 - ln 4; [4,8,0.5] -> ln 0.5 - ln 4.
    expect(Array.from(r)).toEqual([0, Math.log(2) - 0.5 * Math.log(2), Math.log(4) - Math.log(2), Math.log(8) - Math.log(4), Math.log(0.5) - Math.log(4)].map((x, i) => (i === 0 ? 0 : expect.closeTo(x, 12))));
    // A changed future leaves earlier levels as they were.
    expect(Array.from(relativeLevel([1, 2, 4, 8, 100], 3)).slice(0, 4)).toEqual(Array.from(r).slice(0, 4));
  });

  // The forecast over-reacts to departures from its own recent level: the true sd is sd x exp(-0.5 r).
  function overReacting(n: number, seed: number) {
    const p = simulate(n, 1, seed);
    const r = relativeLevel(p.scale);
    const actual = Float64Array.from(p.actual, (a, i) => a * Math.exp(-0.5 * r[i]));
    return { p: { ...p, actual }, r };
  }
  const coverageByRelativeTercile = (o: ReturnType<typeof overReacting>, regime: RegimeMode) => coverageByTercile(o.p, regime, o.r, 300).cov;

  it("plain scaling covers unevenly across relative-level terciles; both relative modes are flat within ±1.5 points", () => {
    const o = overReacting(12_000, 5);
    const plain = coverageByRelativeTercile(o, "none");
    expect(plain[0]).toBeLessThan(0.935);
    expect(plain[2]).toBeGreaterThan(0.965);
    for (const mode of ["relative-mondrian", "relative-slope"] as const) for (const c of coverageByRelativeTercile(o, mode)) expect(Math.abs(c - 0.95)).toBeLessThan(0.015);
  });
});
