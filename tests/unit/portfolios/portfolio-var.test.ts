// The portfolio VaR/ES engine on series whose true distribution is known: two symbols with normal daily
// returns of known sd and correlation. The figure is close to the analytic one, its walk-forward backtest
// covers at the promised rates, an origin's figure never changes when later data is added (no look-ahead),
// and too short a history gives no figure, with the reason.
import { describe, expect, it } from "vitest";
import { portfolioRisk, type RiskSeries } from "@/server/forecast/portfolio-risk/portfolio-var";

/** The test's own generator (not the module's): LCG uniforms, Box–Muller normals. */
function normals(seed: number) {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

const SD = [0.01, 0.02];
const RHO = 0.5;
const WEIGHTS = [0.5, 0.5];

function market(days: number, seed = 11): { dates: string[]; series: RiskSeries[] } {
  const n = normals(seed);
  const close = SD.map(() => new Float64Array(days));
  close.forEach((c) => (c[0] = 100));
  for (let t = 1; t < days; t++) {
    const a = n();
    const b = RHO * a + Math.sqrt(1 - RHO * RHO) * n();
    close[0][t] = close[0][t - 1] * Math.exp(SD[0] * a);
    close[1][t] = close[1][t - 1] * Math.exp(SD[1] * b);
  }
  const dates = Array.from({ length: days }, (_, t) => new Date(Date.UTC(2010, 0, 1) + t * 86_400_000).toISOString().slice(0, 10));
  const series = SD.map((sd, i) => ({
    symbol: `S${i}`,
    weight: WEIGHTS[i],
    close: close[i],
    // The true sd, known at every bar: the volatility model is perfect here, so only the join is tested.
    sd: { "1d": new Float64Array(days).fill(sd), "1w": new Float64Array(days).fill(sd * Math.sqrt(5)) },
  }));
  return { dates, series };
}

// Analytic: the portfolio's h-day log-return sd (returns small enough that e^r - 1 ~ r within a few percent).
const sdP = (h: number) => Math.sqrt(h * (WEIGHTS[0] ** 2 * SD[0] ** 2 + WEIGHTS[1] ** 2 * SD[1] ** 2 + 2 * WEIGHTS[0] * WEIGHTS[1] * RHO * SD[0] * SD[1]));
const Z = { 0.95: 1.6448536269514722, 0.99: 2.3263478740408408 } as const;
// ES of a normal: sd * phi(z) / (1 - level).
const ES = { 0.95: 2.0627128075074257, 0.99: 2.6652142203458076 } as const;

describe("portfolio VaR and ES on a known distribution", () => {
  const { dates, series } = market(1800);
  const risk = portfolioRisk({ dates, series });

  it("makes figures close to the analytic normal ones at both horizons and levels", () => {
    for (const h of risk.horizons) {
      expect(h.reason).toBeNull();
      expect(h.origin).toBe(dates[dates.length - 1]);
      for (const f of h.current!) {
        const level = f.level as 0.95 | 0.99;
        // Sampling error of 500 calibration outcomes and 5000 draws: within 12% of the truth.
        expect(Math.abs(f.var / (Z[level] * sdP(h.days)) - 1), `${h.horizon} ${level} VaR`).toBeLessThan(0.12);
        expect(Math.abs(f.es / (ES[level] * sdP(h.days)) - 1), `${h.horizon} ${level} ES`).toBeLessThan(0.15);
        expect(f.es).toBeGreaterThan(f.var);
      }
    }
    expect(risk.correlation!.matrix[0][1]).toBeGreaterThan(0.4);
    expect(risk.correlation!.matrix[0][1]).toBeLessThan(0.6);
  });

  it("backtests walk-forward: coverage near the promise, Kupiec and the traffic light agree", () => {
    const [day, week] = risk.horizons;
    // 1800 days, 250 needed to calibrate before the first origin: ~1540 daily origins, ~300 weekly.
    expect(day.backtest!.origins).toBeGreaterThan(1500);
    expect(week.backtest!.origins).toBeGreaterThan(290);
    expect(week.backtest!.origins).toBeLessThan(310);
    for (const h of [day, week]) {
      for (const l of h.backtest!.levels) {
        expect(Math.abs(l.coverage - l.level), `${h.horizon} ${l.level}`).toBeLessThan(h.horizon === "1d" ? 0.015 : 0.035);
        expect(l.kupiecPValue).toBeGreaterThan(0.01);
        expect(l.zone.zone).not.toBe("red");
        expect(l.expectedExceptions).toBeCloseTo(l.origins * (1 - l.level), 9);
      }
    }
    expect(day.backtest!.recent).toHaveLength(250);
    expect(day.backtest!.levels[1].zone.origins).toBe(250);
  });

  it("an origin's figure is made from data before it only: adding later days changes none of the earlier ones", () => {
    const shorter = portfolioRisk({ dates: dates.slice(0, 1700), series: series.map((s) => ({ ...s, close: s.close.slice(0, 1700), sd: { "1d": s.sd["1d"].slice(0, 1700), "1w": s.sd["1w"].slice(0, 1700) } })) });
    const full = new Map(risk.horizons[0].backtest!.recent.map((r) => [r.date, r]));
    const shared = shorter.horizons[0].backtest!.recent.filter((r) => full.has(r.date));
    expect(shared.length).toBeGreaterThan(100);
    for (const r of shared) expect(full.get(r.date)).toEqual(r);
  });

  it("scores only origins from each series' first scored day on (earlier days still calibrate)", () => {
    const from = { "1d": 1400, "1w": 1400 };
    const r = portfolioRisk({ dates, series: series.map((s) => ({ ...s, firstOrigin: s.symbol === "S1" ? from : { "1d": 900 } })) });
    expect(r.horizons[0].backtest).toMatchObject({ from: dates[1400], to: dates[1798], origins: 399 });
    expect(r.horizons[1].backtest!.origins).toBe(79);
    // The figure at the last close is the same: only the scoring changed.
    expect(r.horizons[0].current).toEqual(risk.horizons[0].current);
  });

  it("gives no figure, and says why, when the history is too short", () => {
    const short = market(400);
    const r = portfolioRisk(short);
    for (const h of r.horizons) {
      expect(h.current).toBeNull();
      expect(h.reason).toMatch(/^Only \d+ earlier (days|weeks) could be checked; at least (250|50) are needed/);
    }
    const tiny = market(200);
    expect(portfolioRisk(tiny).horizons[0].reason).toBe("Not enough shared price history yet: a figure needs 250 earlier forecasts of every holding to calibrate on.");
  });
});
