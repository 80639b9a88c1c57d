import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSeriesCsv, seriesFromBars, sliceSeries } from "@/server/forecast/data";
import { createRng } from "@/server/forecast/trees/rng";
import { fitGarch, garchFilter, garchHorizonVariance, garchObjective } from "@/server/forecast/volatility/garch";
import { fitHar, harHorizonVariance, harRow, prefixSums } from "@/server/forecast/volatility/har";
import { volContext, volPath } from "@/server/forecast/volatility/models";
import { marketVariance, rangeParts, rangeVariance } from "@/server/forecast/volatility/range";

const golden = JSON.parse(readFileSync(join(__dirname, "../../fixtures/forecast/garch-golden.json"), "utf8")) as {
  cases: { name: string; returns: number[]; garch: Record<string, number>; gjr: Record<string, number> }[];
};

function normals(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()));
}

function simulateGarch(o: { n: number; omega: number; alpha: number; gamma: number; beta: number; seed: number }): Float64Array {
  const z = normals(o.seed, o.n + 500);
  const r = new Float64Array(o.n + 500);
  let s2 = o.omega / (1 - o.alpha - o.gamma / 2 - o.beta);
  for (let i = 0; i < r.length; i++) {
    r[i] = Math.sqrt(s2) * z[i];
    s2 = o.omega + (o.alpha + (r[i] < 0 ? o.gamma : 0)) * r[i] * r[i] + o.beta * s2;
  }
  return r.subarray(500);
}

describe("GARCH(1,1) and GJR-GARCH by maximum likelihood", () => {
  it("recover the parameters of long simulated processes", () => {
    const g = fitGarch({ returns: simulateGarch({ n: 20000, omega: 2e-6, alpha: 0.08, gamma: 0, beta: 0.9, seed: 1 }) });
    expect(Math.abs(g.alpha - 0.08)).toBeLessThan(0.012);
    expect(Math.abs(g.beta - 0.9)).toBeLessThan(0.015);
    expect(Math.abs(g.omega / 2e-6 - 1)).toBeLessThan(0.3);
    const j = fitGarch({ returns: simulateGarch({ n: 20000, omega: 2e-6, alpha: 0.03, gamma: 0.1, beta: 0.88, seed: 2 }), gjr: true });
    expect(Math.abs(j.alpha - 0.03)).toBeLessThan(0.012);
    expect(Math.abs(j.gamma - 0.1)).toBeLessThan(0.025);
    expect(Math.abs(j.beta - 0.88)).toBeLessThan(0.02);
  });

  it("match R fGarch's estimates on simulated and real returns (scripts/golden/garch_golden.R)", () => {
    expect(golden.cases.map((c) => c.name)).toEqual(["sim-garch", "sim-gjr", "AAPL", "JPM"]);
    for (const c of golden.cases) {
      const g = fitGarch({ returns: c.returns });
      const j = fitGarch({ returns: c.returns, gjr: true });
      // fGarch also estimates the mean; ours is the sample mean, so the likelihoods differ by a hair.
      expect(Math.abs(g.alpha - c.garch.alpha)).toBeLessThan(0.01);
      expect(Math.abs(g.beta - c.garch.beta)).toBeLessThan(0.01);
      expect(Math.abs(g.logLik - c.garch.logLik)).toBeLessThan(3);
      expect(Math.abs(j.alpha - c.gjr.alpha)).toBeLessThan(0.01);
      expect(Math.abs(j.gamma - c.gjr.gamma)).toBeLessThan(0.01);
      expect(Math.abs(j.beta - c.gjr.beta)).toBeLessThan(0.01);
      expect(Math.abs(j.logLik - c.gjr.logLik)).toBeLessThan(3);
    }
  });

  it("fit with the likelihood's analytic gradient, which matches central differences on real returns", () => {
    for (const c of golden.cases.filter((k) => k.name === "AAPL" || k.name === "JPM")) {
      const r = Float64Array.from(c.returns);
      const mu = r.reduce((a, v) => a + v, 0) / r.length;
      const v = r.reduce((a, x) => a + (x - mu) ** 2, 0) / r.length;
      for (const gjr of [false, true]) {
        // The start of every fit, a point near the optimum and one far from it (unconstrained x, see decode).
        const points = [
          [Math.log(0.02), Math.log(0.03 / 0.02), Math.log(0.9 / 0.02), Math.log(0.04 / 0.02)],
          [-3, 0.5, 3.1, 0.2],
          [-1.5, -1, 2, -0.5],
        ];
        for (const pt of points) {
          const x = Float64Array.from(gjr ? pt : pt.slice(0, 3));
          const g = new Float64Array(x.length);
          const f = garchObjective(r, mu, v, gjr, x, g);
          const scratch = new Float64Array(x.length);
          const at = (i: number, d: number) => garchObjective(r, mu, v, gjr, x.map((xi, j) => (j === i ? xi + d : xi)), scratch);
          expect(at(0, 0)).toBe(f);
          const h = 1e-5;
          const numeric = Array.from(x, (_, i) => (at(i, h) - at(i, -h)) / (2 * h));
          const scale = Math.max(...numeric.map(Math.abs));
          expect(scale).toBeGreaterThan(1e-3);
          numeric.forEach((d, i) => expect(Math.abs(g[i] - d)).toBeLessThan(1e-6 * scale));
        }
      }
    }
  });

  it("forecast the h-step variance as the sum of mean-reverting k-step variances", () => {
    const p = { mu: 0, omega: 1e-5, alpha: 0.1, gamma: 0, beta: 0.8 };
    const longRun = 1e-5 / 0.1;
    const s2 = 4e-4;
    // k-step variance: longRun + 0.9^(k-1) (s2 - longRun), summed over k = 1..5.
    let hand = 0;
    for (let k = 0; k < 5; k++) hand += longRun + 0.9 ** k * (s2 - longRun);
    expect(garchHorizonVariance(p, s2, 5)).toBeCloseTo(hand, 15);
    expect(garchHorizonVariance(p, s2, 5)).toBeLessThan(5 * s2);
    expect(garchHorizonVariance(p, s2, 1)).toBe(s2);
    const f = garchFilter([0.01, -0.02], { ...p, gamma: 0.05 }, 2e-4);
    expect(f[1]).toBeCloseTo(1e-5 + 0.1 * 1e-4 + 0.8 * 2e-4, 15);
    expect(f[2]).toBeCloseTo(1e-5 + 0.15 * 4e-4 + 0.8 * f[1], 15);
  });
});

describe("log-HAR on the range variance", () => {
  it("recovers the coefficients of a simulated log-HAR process", () => {
    const n = 6000;
    const z = normals(5, n);
    const rv = new Float64Array(n).fill(1e-4);
    const beta = [-0.9, 0.35, 0.3, 0.25];
    const cum = () => prefixSums(rv);
    for (let t = 22; t < n; t++) {
      let d = 0;
      let w = 0;
      let m = 0;
      for (let k = 0; k < 22; k++) {
        if (k === 0) d = rv[t - 1];
        if (k < 5) w += rv[t - 1 - k] / 5;
        m += rv[t - 1 - k] / 22;
      }
      rv[t] = Math.exp(beta[0] + beta[1] * Math.log(d) + beta[2] * Math.log(w) + beta[3] * Math.log(m) + 0.4 * z[t]);
    }
    const fit = fitHar({ rv, cum: cum(), from: 100, last: n - 1, h: 1 })!;
    // y = ln rv[t+1] on ln of the daily, weekly and monthly means at t: the simulated regression.
    fit.coef.slice(1).forEach((b, i) => expect(Math.abs(b - beta[i + 1])).toBeLessThan(0.05));
    expect(Math.abs(fit.s2 - 0.16)).toBeLessThan(0.01);
    const row = harRow({ cum: cum(), rv, t: n - 1 })!;
    const lin = fit.coef.reduce((s, b, i) => s + b * row[i], 0);
    expect(harHorizonVariance(fit, row, 1)).toBeCloseTo(Math.exp(lin + fit.s2 / 2), 15);
  });

  it("uses Garman-Klass plus the overnight gap, and the market average of the tickers trading that day", () => {
    const bars = [
      { date: "2024-01-02", open: 100, high: 102, low: 99, close: 101, adjClose: 101, volume: 1 },
      { date: "2024-01-03", open: 102, high: 104, low: 100, close: 100, adjClose: 100, volume: 1 },
    ];
    const s = seriesFromBars({ symbol: "X", bars });
    const rv = rangeVariance(s);
    const gk = (h: number, l: number, c: number, o: number) => 0.5 * Math.log(h / l) ** 2 - (2 * Math.log(2) - 1) * Math.log(c / o) ** 2;
    expect(rv[0]).toBeCloseTo(gk(102, 99, 101, 100), 15);
    expect(rv[1]).toBeCloseTo(gk(104, 100, 100, 102) + Math.log(102 / 101) ** 2, 15);
    const t = seriesFromBars({ symbol: "Y", bars: [{ ...bars[1], open: 50, high: 51, low: 49, close: 50, adjClose: 50 }] });
    const m = marketVariance([s, t]);
    expect(m.get("2024-01-02")).toBeCloseTo(rv[0], 15);
    expect(m.get("2024-01-03")).toBeCloseTo((rv[1] + rangeVariance(t)[0]) / 2, 15);
  });
});

describe("log-HAR with a separate overnight-gap term", () => {
  // ln total_t = coef . x_{t-1} + 0.4 z with x the form's regressors, written out here from har.ts's definition.
  // The day's total splits into a gap (85% of it on 6% of days, an earnings-like open; up to 10% otherwise) and
  // the intraday rest. In both processes gap variance is less persistent than range variance.
  const cases = [
    // The shipped form: ln total of the day, week and month, and the day's gap share (a gap day's share 0.85
    // takes 0.6 x 0.85 off the log forecast that 0.35 x ln(1 / 0.15) = 0.66 of a persistent day would add).
    { form: "share-daily" as const, coef: [-0.9, 0.35, 0.3, 0.25, -0.6], tol: [0, 0.03, 0.05, 0.05, 0.06] },
    // ln gk and ln(total / gk) of the day, week and month: intraday 0.35 / 0.3 / 0.25, the gap's share 0.05 each.
    { form: "log-ratio" as const, coef: [-0.9, 0.35, 0.3, 0.25, 0.05, 0.05, 0.05], tol: [0, 0.03, 0.05, 0.05, 0.03, 0.1, 0.15] },
  ];
  const mean = (x: Float64Array, t: number, k: number) => x.subarray(t - k + 1, t + 1).reduce((a, v) => a + v, 0) / k;
  const regressors = (form: (typeof cases)[number]["form"], gk: Float64Array, tot: Float64Array, t: number) => {
    const g = [gk[t], mean(gk, t, 5), mean(gk, t, 22)];
    const r = [tot[t], mean(tot, t, 5), mean(tot, t, 22)];
    return form === "share-daily" ? [1, ...r.map(Math.log), 1 - g[0] / r[0]] : [1, ...g.map(Math.log), ...r.map((v, i) => Math.log(v / g[i]))];
  };

  for (const { form, coef, tol } of cases) {
    it(`recovers known coefficients on a process whose gap variance is less persistent than its range variance (${form})`, () => {
      const n = 12_000;
      const z = normals(11, n);
      const u = normals(12, n);
      const rng = createRng(13);
      const tot = new Float64Array(n).fill(1e-4);
      const gk = new Float64Array(n).fill(0.9e-4);
      for (let t = 22; t < n; t++) {
        tot[t] = Math.exp(regressors(form, gk, tot, t - 1).reduce((a, v, i) => a + coef[i] * v, 0) + 0.4 * z[t]);
        const share = rng.next() < 0.06 ? 0.85 : 0.1 * (0.5 + 0.5 * Math.tanh(u[t]));
        gk[t] = tot[t] * (1 - share);
      }
      const split = { gk, gkCum: prefixSums(gk), form, robust: false };
      const fit = fitHar({ rv: tot, cum: prefixSums(tot), split, from: 100, last: n - 1, h: 1 })!;
      expect(fit.coef).toHaveLength(coef.length);
      // Within about three standard errors of each (the gap shares of the week and month vary least).
      fit.coef.slice(1).forEach((b, i) => expect(Math.abs(b - coef[i + 1])).toBeLessThan(tol[i + 1]));
      expect(Math.abs(fit.s2 - 0.16)).toBeLessThan(0.01);
      // The row is the simulated regressors at the last bar.
      const rowAt = (x: Float64Array, withSplit = true) => harRow({ cum: prefixSums(x), rv: x, split: withSplit ? split : undefined, t: n - 1 })!;
      regressors(form, gk, tot, n - 1).forEach((v, i) => expect(rowAt(tot)[i]).toBeCloseTo(v, 10));
      // The same last day with no gap and with an earnings-like one (85% of its variance overnight): the split
      // model's forecast rises as the process does (x1.57 / x1.16), the plain log-HAR's as if the gap were range
      // variance (x2.60 / x2.71).
      const lastDay = (share: number) => Float64Array.from(tot, (v, i) => (i === n - 1 ? gk[i] / (1 - share) : v));
      const [quiet, gap] = [lastDay(0), lastDay(0.85)];
      const truth = Math.exp(rowAt(gap).reduce((a, v, i) => a + coef[i] * (v - rowAt(quiet)[i]), 0));
      const rise = harHorizonVariance(fit, rowAt(gap), 1) / harHorizonVariance(fit, rowAt(quiet), 1);
      const plain = fitHar({ rv: tot, cum: prefixSums(tot), from: 100, last: n - 1, h: 1 })!;
      const plainRise = harHorizonVariance(plain, rowAt(gap, false), 1) / harHorizonVariance(plain, rowAt(quiet, false), 1);
      expect(Math.abs(Math.log(rise / truth))).toBeLessThan(0.05);
      expect(plainRise).toBeGreaterThan(1.5 * truth);
    });
  }

  it("splits the range variance into the Garman-Klass part and the squared gap", () => {
    const bars = [
      { date: "2024-01-02", open: 100, high: 102, low: 99, close: 101, adjClose: 101, volume: 1 },
      { date: "2024-01-03", open: 106, high: 107, low: 104, close: 105, adjClose: 105, volume: 1 },
    ];
    const s = seriesFromBars({ symbol: "X", bars });
    const { gk, gap } = rangeParts(s);
    expect(gap[0]).toBe(0);
    expect(gap[1]).toBeCloseTo(Math.log(106 / 101) ** 2, 15);
    expect(gk[1]).toBeCloseTo(0.5 * Math.log(107 / 104) ** 2 - (2 * Math.log(2) - 1) * Math.log(105 / 106) ** 2, 15);
    expect(rangeVariance(s)[1]).toBe(gk[1] + gap[1]);
  });
});

describe("volatility paths", () => {
  it("forecast at each origin from bars up to it only, for every model", () => {
    const full = readSeriesCsv({ symbol: "MSFT" });
    const s = sliceSeries(full, 1600);
    const cut = 1450;
    const f = (a: Float64Array) => a.map((v, i) => (i > cut ? v * (1.3 + 0.2 * Math.sin(i)) : v));
    const altered = { ...s, open: f(s.open), high: f(s.high), low: f(s.low), close: f(s.close), adjClose: f(s.adjClose) };
    for (const model of ["ewma", "garch", "gjr", "har", "harj"] as const) {
      const a = volPath({ ctx: volContext(s), model, from: 1300, to: 1599, steps: [1, 5], refitEvery: 50 });
      const b = volPath({ ctx: volContext(altered), model, from: 1300, to: 1599, steps: [1, 5], refitEvery: 50 });
      for (const k of [0, 1]) {
        expect(Array.from(b[k].subarray(1300, cut + 1))).toEqual(Array.from(a[k].subarray(1300, cut + 1)));
        expect(Array.from(b[k].subarray(cut + 1))).not.toEqual(Array.from(a[k].subarray(cut + 1)));
        expect(a[k].subarray(1300).every((v) => v > 0 && v < 0.05)).toBe(true);
      }
    }
  });
});
