import { describe, expect, it } from "vitest";
import { dieboldMariano, directionAccuracy, kupiec, mae, mape, rmse } from "@/server/forecast/metrics";
import { betaInc, binomialUpperTail, chiSquareSf, studentTTwoSided } from "@/server/forecast/stats";

/** Exact binomial tail with BigInt binomial coefficients: sum_{i>=k} C(n,i) / 2^n. */
function exactTail(k: number, n: number): number {
  let c = 1n;
  let sum = 0n;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  return Number((sum * 10n ** 18n) / 2n ** BigInt(n)) / 1e18;
}

describe("point error metrics", () => {
  it("computes MAE, RMSE and MAPE of a hand-checkable example", () => {
    const actual = [100, 102, 98, 105];
    const forecast = [101, 100, 98, 101];
    expect(mae(actual, forecast)).toBeCloseTo((1 + 2 + 0 + 4) / 4, 12);
    expect(rmse(actual, forecast)).toBeCloseTo(Math.sqrt((1 + 4 + 0 + 16) / 4), 12);
    expect(mape(actual, forecast)).toBeCloseTo((100 * (1 / 100 + 2 / 102 + 0 + 4 / 105)) / 4, 12);
  });
});

describe("binomial tails", () => {
  it("matches exact BigInt binomial tails for larger n", () => {
    for (const [k, n] of [[270, 504], [252, 504], [60, 100], [1, 30], [30, 30]]) {
      expect(binomialUpperTail(k, n)).toBeCloseTo(exactTail(k, n), 12);
    }
    expect(binomialUpperTail(0, 10)).toBe(1);
    expect(binomialUpperTail(11, 10)).toBe(0);
  });
});

describe("distribution functions", () => {
  it("Student t two-sided p-values match the closed forms for 1 and 2 degrees of freedom", () => {
    for (const t of [0.1, 0.7, 1.5, 3, 12]) {
      expect(studentTTwoSided(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 12);
      expect(studentTTwoSided(-t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
    }
  });

  it("chi-square survival matches exp(-x/2) for 2 df and the normal tail for 1 df", () => {
    for (const x of [0.05, 1, 3.841458820694124, 10]) expect(chiSquareSf(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
    // 3.841458820694124 is the 95% point of chi2(1) (1.959963984540054^2).
    expect(chiSquareSf(1.959963984540054 ** 2, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSf(2.5758293035489004 ** 2, 1)).toBeCloseTo(0.01, 10);
  });

  it("regularized incomplete beta satisfies I_x(a,1) = x^a and symmetry", () => {
    expect(betaInc(3, 1, 0.4)).toBeCloseTo(0.4 ** 3, 12);
    expect(betaInc(2.5, 4, 0.3) + betaInc(4, 2.5, 0.7)).toBeCloseTo(1, 12);
  });
});

describe("Diebold-Mariano", () => {
  const e1 = [0.5, -1.2, 0.3, 2.0, -0.7, 1.1, -0.4, 0.9, -1.5, 0.2, 0.8, -0.6];
  const e2 = [0.4, -1.0, 0.6, 1.5, -0.9, 1.3, -0.2, 1.2, -1.1, 0.1, 0.7, -0.9];

  /** Textbook computation written out independently of the implementation. */
  function reference(h: number) {
    const n = e1.length;
    const d = e1.map((x, i) => x * x - e2[i] * e2[i]);
    const dbar = d.reduce((a, b) => a + b, 0) / n;
    const acov = (k: number) => d.slice(k).reduce((s, v, i) => s + (v - dbar) * (d[i] - dbar), 0) / n;
    let v = acov(0);
    for (let k = 1; k < h; k++) v += 2 * acov(k);
    const dm = dbar / Math.sqrt(v / n);
    const stat = dm * Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
    return { dbar, stat };
  }

  it("matches the HLN-corrected statistic for h = 1 and h = 2 (HAC variance)", () => {
    for (const h of [1, 2]) {
      const r = reference(h);
      const dm = dieboldMariano({ e1, e2, h });
      expect(dm.n).toBe(12);
      expect(dm.meanDiff).toBeCloseTo(r.dbar, 12);
      expect(dm.stat).toBeCloseTo(r.stat, 10);
      // Two-sided Student t(11) p-value through the incomplete beta identity.
      expect(dm.pValue).toBeCloseTo(betaInc(5.5, 0.5, 11 / (11 + r.stat * r.stat)), 12);
      expect(dm.pValue).toBeGreaterThan(0);
      expect(dm.pValue).toBeLessThan(1);
    }
  });

  it("detects a clearly worse forecast and is symmetric in its arguments", () => {
    const worse = e2.map((x, i) => x * 2 + (i % 2 ? 0.5 : -0.5));
    const a = dieboldMariano({ e1: worse, e2, h: 1 });
    const b = dieboldMariano({ e1: e2, e2: worse, h: 1 });
    expect(a.stat).toBeGreaterThan(2);
    expect(a.pValue).toBeLessThan(0.05);
    expect(b.stat).toBeCloseTo(-a.stat, 12);
    expect(b.pValue).toBeCloseTo(a.pValue, 12);
  });
});

describe("Kupiec POF test", () => {
  it("gives LR = 0 and p = 1 when the miss rate equals the nominal one", () => {
    const k = kupiec({ n: 200, misses: 10, level: 0.95 });
    expect(k.lr).toBeCloseTo(0, 12);
    expect(k.pValue).toBeCloseTo(1, 12);
  });

  it("matches the likelihood-ratio formula and the chi-square(1) tail", () => {
    const n = 250;
    const x = 22;
    const p = 0.05;
    const lr = -2 * ((n - x) * Math.log(1 - p) + x * Math.log(p) - (n - x) * Math.log(1 - x / n) - x * Math.log(x / n));
    const k = kupiec({ n, misses: x, level: 0.95 });
    expect(k.lr).toBeCloseTo(lr, 10);
    expect(k.pValue).toBeCloseTo(chiSquareSf(lr, 1), 12);
    expect(k.pValue).toBeLessThan(0.05);
    // No misses at all: the x log x terms vanish.
    expect(kupiec({ n: 100, misses: 0, level: 0.99 }).lr).toBeCloseTo(-2 * 100 * Math.log(0.99), 10);
  });
});
