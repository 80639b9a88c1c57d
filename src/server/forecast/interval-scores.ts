// Scoring a backtest's intervals and quantiles, per origin first (plain arrays a stored backtest can be
// re-scored from, or pooled over symbols), then summarized. Scores are in % of the origin price.
import type { HorizonBacktest } from "./backtest";
import { backtestIntervalPath, intervalPath, LEVEL_KEYS, LEVELS, QUANTILE_LEVELS, quantilesOf, type IntervalOptions, type LevelKey } from "./intervals";
import { baselZone, christoffersen, crpsFromQuantiles, kupiec, nonOverlapping, terciles, winklerScore, type BaselZone } from "./scores";

/** Per scored origin that has an interval, oldest first. */
export interface ScoredIntervals {
  steps: number;
  winkler: Record<LevelKey, number[]>;
  width: Record<LevelKey, number[]>;
  miss: Record<LevelKey, number[]>;
  crps: number[];
  /** Volatility tercile of the origin among this symbol's scored origins (0 low .. 2 high). */
  tercile: number[];
  /** Bar index of each scored origin (its date is the series' date there). */
  origin: number[];
}

export interface IntervalSummary {
  n: number;
  coverage: Record<LevelKey, number | null>;
  /** Mean width of the 95% interval, % of price. */
  width95: number | null;
  winkler: Record<LevelKey, number | null>;
  crps: number | null;
  /** 95% coverage in the low, mid and high tercile of the forecast variance at the origin. */
  coverage95ByVolTercile: [number | null, number | null, number | null];
  /** 80% coverage in the same terciles. */
  coverage80ByVolTercile: [number | null, number | null, number | null];
  kupiec95P: number | null;
  kupiec99P: number | null;
  christoffersen95P: number | null;
  christoffersen99P: number | null;
}

const levelRecord = <T>(f: (k: LevelKey, j: number) => T) => Object.fromEntries(LEVEL_KEYS.map((k, j) => [k, f(k, j)])) as Record<LevelKey, T>;

/** Two-sided standard normal quantiles of the interval levels: 80% 1.2816, 95% 1.9600, 99% 2.5758. */
export const NORMAL_Z: Record<LevelKey, number> = { "80": 1.2815515655446004, "95": 1.959963984540054, "99": 2.5758293035489004 };

/** Gaussian half-widths z x sd at every origin (the HAR-Gaussian benchmark: no conformal calibration). */
function gaussianPath(sd: ArrayLike<number>): { half: Record<LevelKey, Float64Array> } {
  return { half: levelRecord((k) => Float64Array.from(sd, (x) => (x > 0 ? NORMAL_Z[k] * x : Number.NaN))) };
}

/** The reference intervals' calibration set: the engine's before v2 (the last 250 known scores). */
export const REFERENCE_WINDOW = 250;

/**
 * The intervals of a backtest at its scored origins. `reference` scores today's intervals instead: the
 * EWMA scale with plain rolling split conformal on the last 250 scores (no adaptation), whatever the
 * engine's own defaults are.
 */
export function scoreIntervals(b: HorizonBacktest, opts: { reference?: boolean; gaussianSd?: ArrayLike<number> } & IntervalOptions = {}): ScoredIntervals {
  const { reference, gaussianSd, ...intervalOpts } = opts;
  const scale = gaussianSd ?? (reference ? b.refScale : b.scale);
  const path = gaussianSd ? gaussianPath(gaussianSd) : reference ? intervalPath({ ...b, scale }, { ...intervalOpts, gamma: 0, window: REFERENCE_WINDOW, regime: "none" }) : backtestIntervalPath(b, intervalOpts);
  const out: ScoredIntervals = { steps: b.steps, winkler: levelRecord(() => []), width: levelRecord(() => []), miss: levelRecord(() => []), crps: [], tercile: [], origin: [] };
  const scales: number[] = [];
  for (let i = b.evalStart; i < b.forecast.length; i++) {
    const half = levelRecord((k) => path.half[k][i]);
    if (LEVEL_KEYS.some((k) => Number.isNaN(half[k]))) continue;
    const f = b.forecast[i];
    const y = Math.exp(b.actual[i]);
    for (const [j, k] of LEVEL_KEYS.entries()) {
      const lower = Math.exp(f - half[k]);
      const upper = Math.exp(f + half[k]);
      out.winkler[k].push(100 * winklerScore({ lower, upper, y, alpha: 1 - LEVELS[j] }));
      out.width[k].push(100 * (upper - lower));
      out.miss[k].push(y < lower || y > upper ? 1 : 0);
    }
    const q = quantilesOf(f, half).map(Math.exp);
    out.crps.push(100 * crpsFromQuantiles({ levels: QUANTILE_LEVELS, quantiles: q, y }));
    scales.push(scale[i]);
    out.origin.push(b.origin[i]);
  }
  out.tercile = Array.from(terciles(scales));
  return out;
}

const mean = (x: readonly number[]) => (x.length ? x.reduce((s, v) => s + v, 0) / x.length : null);
const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Summary over one symbol's scored origins, or over several symbols' pooled together. */
export function summarizeIntervals(list: readonly ScoredIntervals[]): IntervalSummary {
  const cat = (f: (s: ScoredIntervals) => number[]) => list.flatMap(f);
  const miss = levelRecord((k) => cat((s) => s.miss[k]));
  const n = miss["95"].length;
  const tercileCoverage = (k: LevelKey) =>
    ([0, 1, 2] as const).map((t) => {
      let c = 0;
      let hits = 0;
      for (const s of list) s.tercile.forEach((v, i) => v === t && (c++, (hits += 1 - s.miss[k][i])));
      return c ? hits / c : null;
    }) as [number | null, number | null, number | null];
  // h-day outcomes of consecutive origins overlap: the tests see every h-th origin per symbol.
  const sparse = (k: LevelKey) => list.flatMap((s) => nonOverlapping(s.miss[k], s.steps));
  const kup = (k: LevelKey, level: number) => {
    const m = sparse(k);
    return m.length ? finite(kupiec({ n: m.length, misses: m.reduce((a, v) => a + v, 0), level }).pValue) : null;
  };
  return {
    n,
    coverage: levelRecord((k) => (miss[k].length ? 1 - mean(miss[k])! : null)),
    width95: mean(cat((s) => s.width["95"])),
    winkler: levelRecord((k) => mean(cat((s) => s.winkler[k]))),
    crps: mean(cat((s) => s.crps)),
    coverage95ByVolTercile: tercileCoverage("95"),
    coverage80ByVolTercile: tercileCoverage("80"),
    kupiec95P: kup("95", 0.95),
    kupiec99P: kup("99", 0.99),
    christoffersen95P: finite(christoffersen(sparse("95")).pValue),
    christoffersen99P: finite(christoffersen(sparse("99")).pValue),
  };
}

/** Flat interval figures: coverage per level, then widths and scores in % of price, then test p-values. */
export type IntervalFigures = ReturnType<typeof flatIntervalFigures>;

/** The summary as flat fields (the ModelMetric columns and the benchmark's JSON), each passed through `f`. */
export function flatIntervalFigures(iv: IntervalSummary, f: (x: number | null) => number | null) {
  return {
    coverage80: f(iv.coverage["80"]),
    coverage95: f(iv.coverage["95"]),
    coverage99: f(iv.coverage["99"]),
    width95: f(iv.width95),
    winkler80: f(iv.winkler["80"]),
    winkler95: f(iv.winkler["95"]),
    winkler99: f(iv.winkler["99"]),
    crps: f(iv.crps),
    kupiec95P: f(iv.kupiec95P),
    kupiec99P: f(iv.kupiec99P),
    christoffersen95P: f(iv.christoffersen95P),
    christoffersen99P: f(iv.christoffersen99P),
  };
}

/** Basel traffic light of the 99% one-day interval over the last 250 scored days. */
export function baselOf(s: ScoredIntervals): { zone: BaselZone; exceptions: number; n: number } | null {
  return s.steps === 1 && s.miss["99"].length ? baselZone(s.miss["99"]) : null;
}
