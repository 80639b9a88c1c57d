// Out-of-sample coverage of a backtest's interval path at its scored origins (the engine's tests read it).
import type { HorizonBacktest } from "./backtest-records";
import { intervalPath, LEVEL_KEYS, LEVELS, type IntervalOptions, type IntervalPath, type LevelKey } from "./intervals";

export interface LevelCoverage {
  level: number;
  n: number;
  hits: number;
  coverage: number;
  /** Mean interval width as a fraction of the origin price. */
  meanWidth: number;
  /** 1 where the outcome fell outside the interval, per scored origin with an interval. */
  misses: Uint8Array;
}

/** Out-of-sample coverage over the scored origins of a backtest, from its interval path. */
export function coverageOf(b: Pick<HorizonBacktest, "evalStart" | "forecast" | "actual">, path: IntervalPath): Record<LevelKey, LevelCoverage> {
  const out = {} as Record<LevelKey, LevelCoverage>;
  LEVEL_KEYS.forEach((k, j) => {
    const misses: number[] = [];
    let width = 0;
    for (let i = b.evalStart; i < b.forecast.length; i++) {
      const h = path.half[k][i];
      if (Number.isNaN(h)) continue;
      misses.push(Math.abs(b.actual[i] - b.forecast[i]) > h ? 1 : 0);
      width += Math.exp(b.forecast[i] + h) - Math.exp(b.forecast[i] - h);
    }
    const n = misses.length;
    const hits = n - misses.reduce((s, m) => s + m, 0);
    out[k] = { level: LEVELS[j], n, hits, coverage: n ? hits / n : Number.NaN, meanWidth: n ? width / n : Number.NaN, misses: Uint8Array.from(misses) };
  });
  return out;
}

/** Coverage of a backtest's own intervals (its volatility model, adaptive conformal). */
export function rollingCoverage(b: HorizonBacktest, opts: IntervalOptions = {}): Record<LevelKey, LevelCoverage> {
  return coverageOf(b, intervalPath({ ...b, scale: b.scale }, opts));
}
