// The risk maths against values computed independently (scripts/golden/portfolio_risk_golden.py: numpy's
// matrix form of Ledoit and Wolf's covCor.m, scipy's chi-squared and binomial), and the copula pieces
// against their definitions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cholesky, copulaUniforms, empiricalQuantile, normalCdf, standardNormals, tailOf } from "@/server/forecast/portfolio-risk/copula";
import { ledoitWolfConstantCorrelation } from "@/server/forecast/portfolio-risk/shrinkage";
import { SlidingSorted } from "@/server/forecast/math/sliding-sorted";
import { baselZone, binomialCdf, kupiecPof, zoneThresholds } from "@/server/forecast/portfolio-risk/var-tests";

type Golden = { shrinkage: number; meanCorrelation: number; covariance: number[][]; correlation: number[][] };
const golden = JSON.parse(readFileSync(join(__dirname, "../../fixtures/portfolios/risk-golden.json"), "utf8")) as {
  real: Golden & { symbols: string[]; days: number };
  synthetic: Golden & { x: number[][] };
  kupiec: { exceptions: number; n: number; level: number; lr: number; pValue: number }[];
  binomial: { x: number; n: number; p: number; cdf: number }[];
};

function lastLogReturns(symbol: string, days: number): number[] {
  const closes = readFileSync(join(__dirname, `../../../data/${symbol}.csv`), "utf8").trim().split("\n").slice(1).map((l) => Number(l.split(",")[4]));
  const c = closes.slice(-(days + 1));
  return c.slice(1).map((v, i) => Math.log(v / c[i]));
}

function expectMatrix(actual: Float64Array, expected: number[][], rel: number) {
  const k = expected.length;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expect(Math.abs(actual[i * k + j] - expected[i][j])).toBeLessThanOrEqual(rel * Math.abs(expected[i][j]) + 1e-18);
}

describe("Ledoit–Wolf shrinkage toward constant correlation", () => {
  it("matches numpy's covCor on five shipped symbols' last 250 daily returns", () => {
    const r = ledoitWolfConstantCorrelation(golden.real.symbols.map((s) => lastLogReturns(s, golden.real.days)));
    expect(r.shrinkage).toBeCloseTo(golden.real.shrinkage, 10);
    expect(r.meanCorrelation).toBeCloseTo(golden.real.meanCorrelation, 12);
    expectMatrix(r.covariance, golden.real.covariance, 1e-9);
    expectMatrix(r.correlation, golden.real.correlation, 1e-9);
    // Real: AAPL and MSFT 250 days to 2024-03-08 — a mild pull toward the average correlation.
    expect(r.shrinkage).toBeGreaterThan(0.05);
    expect(r.shrinkage).toBeLessThan(0.1);
  });

  it("matches it on a short, heavy-tailed synthetic sample, where the pull is strong", () => {
    const r = ledoitWolfConstantCorrelation(golden.synthetic.x);
    expect(r.shrinkage).toBeCloseTo(golden.synthetic.shrinkage, 10);
    expectMatrix(r.covariance, golden.synthetic.covariance, 1e-9);
    expect(r.shrinkage).toBeGreaterThan(0.5);
  });

  it("keeps the variances, and a single series is its own correlation", () => {
    const x = [lastLogReturns("AAPL", 120), lastLogReturns("JPM", 120)];
    const r = ledoitWolfConstantCorrelation(x);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const variance = (a: number[]) => mean(a.map((v) => (v - mean(a)) ** 2));
    expect(r.covariance[0]).toBeCloseTo(variance(x[0]), 15);
    expect(r.covariance[3]).toBeCloseTo(variance(x[1]), 15);
    expect(ledoitWolfConstantCorrelation([x[0]])).toMatchObject({ shrinkage: 0, correlation: Float64Array.of(1) });
    expect(() => ledoitWolfConstantCorrelation([x[0], x[0].map(() => 0)])).toThrow(/zero variance/);
  });
});

describe("Kupiec's test and the traffic light", () => {
  it("Kupiec's statistic and p-value match scipy", () => {
    for (const c of golden.kupiec) {
      const r = kupiecPof(c);
      expect(r.lr).toBeCloseTo(c.lr, 9);
      expect(Math.abs(r.pValue - c.pValue)).toBeLessThan(2e-7 * Math.max(1, c.pValue) + 1e-9);
    }
  });

  it("the binomial distribution function matches scipy", () => {
    for (const c of golden.binomial) expect(binomialCdf(c.x, c.n, c.p)).toBeCloseTo(c.cdf, 10);
  });

  it("gives Basel's zones at 250 days and 99% (green 0-4, yellow 5-9, red 10+)", () => {
    const zones = Array.from({ length: 12 }, (_, x) => baselZone({ exceptions: x, n: 250, level: 0.99 }));
    expect(zones).toEqual(["green", "green", "green", "green", "green", "yellow", "yellow", "yellow", "yellow", "yellow", "red", "red"]);
    expect(zoneThresholds({ n: 250, level: 0.99 })).toEqual({ yellowFrom: 5, redFrom: 10 });
    // 95% over 250 days: the same probability cut-offs.
    expect(zoneThresholds({ n: 250, level: 0.95 })).toEqual({ yellowFrom: 18, redFrom: 27 });
  });
});

describe("the copula pieces", () => {
  it("normalCdf, Cholesky and the correlated uniforms", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.6448536269514722)).toBeCloseTo(0.95, 7);
    expect(normalCdf(-2.3263478740408408)).toBeCloseTo(0.01, 8);
    const a = [1, 0.6, 0.3, 0.6, 1, 0.5, 0.3, 0.5, 1];
    const l = cholesky(a, 3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let p = 0; p < 3; p++) s += l[i * 3 + p] * l[j * 3 + p];
      expect(s).toBeCloseTo(a[i * 3 + j], 12);
    }
    const n = 20000;
    const z = standardNormals({ n, k: 3, seed: 1 });
    expect(z[0]).toBe(-z[(n / 2) * 3]); // antithetic halves
    const u = copulaUniforms({ z, n, k: 3, factor: l });
    // For a Gaussian copula the uniforms' (Spearman) correlation is (6/pi) asin(rho/2): 0.5819 for 0.6, 0.4826 for 0.5.
    const col = (i: number) => Float64Array.from({ length: n }, (_, d) => u[d * 3 + i] - 0.5);
    const corr = (x: Float64Array, y: Float64Array) => x.reduce((s, v, d) => s + v * y[d], 0) / Math.sqrt(x.reduce((s, v) => s + v * v, 0) * y.reduce((s, v) => s + v * v, 0));
    expect(Math.abs(corr(col(0), col(1)) - (6 / Math.PI) * Math.asin(0.3))).toBeLessThan(0.02);
    expect(Math.abs(corr(col(1), col(2)) - (6 / Math.PI) * Math.asin(0.25))).toBeLessThan(0.02);
  });

  it("empirical quantiles, tails and the sliding sorted window", () => {
    const sorted = Float64Array.of(-3, -1, 0, 2, 5);
    expect(empiricalQuantile(sorted, 0)).toBe(-3);
    expect(empiricalQuantile(sorted, 0.5)).toBe(0);
    expect(empiricalQuantile(sorted, 0.6)).toBe(1);
    expect(empiricalQuantile(sorted, 1)).toBe(5);
    const losses = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(tailOf(losses, 0.95)).toEqual({ var: 95, es: (95 + 96 + 97 + 98 + 99 + 100) / 6 });
    const w = new SlidingSorted(4);
    const seen: number[] = [];
    for (const v of [5, -1, 3, 3, 8, 0, -2, 7]) {
      w.push(v);
      seen.push(v);
      expect([...w.values()]).toEqual(seen.slice(-4).sort((a, b) => a - b));
    }
  });
});
