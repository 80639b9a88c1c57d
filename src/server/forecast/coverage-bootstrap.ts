// Sampling error of pooled coverage by volatility tercile: a moving-block bootstrap over dates. The misses of
// many tickers on one day are correlated (a market-wide move breaks every interval at once) and so are
// neighbouring days' (volatility clusters; h-day outcomes overlap), so whole blocks of consecutive dates are
// resampled, every ticker's origins on a drawn date coming along. Seeded: the same input gives the same band.
import { createRng } from "./trees/rng";

/** One scored origin: its date, its volatility tercile (0 low .. 2 high) and whether the interval missed. */
export interface TercileMiss {
  date: string;
  tercile: number;
  miss: number;
}

export interface TercileBand {
  /** Coverage on the data as given. */
  coverage: number | null;
  /** Percentile interval of the bootstrap coverages at the requested level. */
  lower: number | null;
  upper: number | null;
  /** Standard deviation of the bootstrap coverages. */
  se: number | null;
}

export const BOOTSTRAP_DEFAULTS = { block: 10, reps: 1000, seed: 20261207, level: 0.95 } as const;

/**
 * Per tercile [low, mid, high]: coverage and its block-bootstrap interval. Dates are sorted; each replicate
 * draws ceil(D / block) blocks of `block` consecutive dates (starts uniform over the D - block + 1 possible)
 * and keeps the first D dates drawn. `replicates` returns every replicate's coverages (for tests).
 */
export function tercileCoverageBands(rows: readonly TercileMiss[], opts: { block?: number; reps?: number; seed?: number; level?: number } = {}): { bands: TercileBand[]; replicates: (number | null)[][] } {
  const { block: want, reps, seed, level } = { ...BOOTSTRAP_DEFAULTS, ...opts };
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  const index = new Map(dates.map((d, i) => [d, i]));
  const D = dates.length;
  // Per date and tercile: origins and hits.
  const count = new Float64Array(D * 3);
  const hits = new Float64Array(D * 3);
  for (const r of rows) {
    const j = index.get(r.date)! * 3 + r.tercile;
    count[j]++;
    hits[j] += 1 - r.miss;
  }
  const coverageOf = (pick: (add: (d: number) => void) => void) => {
    const c = [0, 0, 0];
    const h = [0, 0, 0];
    pick((d) => {
      for (let t = 0; t < 3; t++) {
        c[t] += count[d * 3 + t];
        h[t] += hits[d * 3 + t];
      }
    });
    return c.map((x, t) => (x ? h[t] / x : null));
  };
  const full = coverageOf((add) => {
    for (let d = 0; d < D; d++) add(d);
  });
  const draw = blockDraws(D, want, seed);
  const replicates: (number | null)[][] = [];
  for (let r = 0; r < reps && D > 0; r++) replicates.push(coverageOf(draw));
  const bands = [0, 1, 2].map((t): TercileBand => {
    const { lower, upper, se } = spread(replicates.map((x) => x[t]), level);
    return full[t] === null ? { coverage: null, lower: null, upper: null, se: null } : { coverage: full[t], lower, upper, se };
  });
  return { bands, replicates };
}

/** One scored origin's two scores (a model's and a benchmark's on the same origin) and its date. */
export interface PairedScore {
  date: string;
  a: number;
  b: number;
}

/**
 * The ratio of the pooled means, sum(a) / sum(b) (e.g. a model's mean CRPS over a benchmark's), with the same
 * moving-block bootstrap over dates as the tercile bands: every origin of a drawn date comes along with both scores.
 */
export function ratioBand(rows: readonly PairedScore[], opts: { block?: number; reps?: number; seed?: number; level?: number } = {}): { ratio: number | null; lower: number | null; upper: number | null; se: number | null } {
  const { block, reps, seed, level } = { ...BOOTSTRAP_DEFAULTS, ...opts };
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  const index = new Map(dates.map((d, i) => [d, i]));
  const D = dates.length;
  const A = new Float64Array(D);
  const B = new Float64Array(D);
  for (const r of rows) {
    A[index.get(r.date)!] += r.a;
    B[index.get(r.date)!] += r.b;
  }
  const ratioOf = (pick: (add: (d: number) => void) => void) => {
    let a = 0;
    let b = 0;
    pick((d) => ((a += A[d]), (b += B[d])));
    return b ? a / b : null;
  };
  const ratio = ratioOf((add) => {
    for (let d = 0; d < D; d++) add(d);
  });
  const draw = blockDraws(D, block, seed);
  const replicates: (number | null)[] = [];
  for (let r = 0; r < reps && D > 0; r++) replicates.push(ratioOf(draw));
  return { ratio, ...spread(replicates, level) };
}

/** A replicate's dates: ceil(D / block) blocks of `block` consecutive dates (uniform starts), the first D kept. */
function blockDraws(D: number, want: number, seed: number): (add: (d: number) => void) => void {
  const block = Math.max(1, Math.min(want, D));
  const rng = createRng(seed);
  return (add) => {
    for (let drawn = 0; drawn < D; ) {
      const start = rng.int(D - block + 1);
      for (let k = 0; k < block && drawn < D; k++, drawn++) add(start + k);
    }
  };
}

/** Percentile interval and standard deviation of the bootstrap replicates (nulls, from empty draws, left out). */
function spread(replicates: readonly (number | null)[], level: number): { lower: number | null; upper: number | null; se: number | null } {
  const xs = Float64Array.from(replicates.filter((x): x is number => x !== null)).sort();
  if (!xs.length) return { lower: null, upper: null, se: null };
  const m = xs.reduce((a, v) => a + v, 0) / xs.length;
  const se = Math.sqrt(xs.reduce((a, v) => a + (v - m) ** 2, 0) / Math.max(1, xs.length - 1));
  return { lower: percentile(xs, (1 - level) / 2), upper: percentile(xs, 1 - (1 - level) / 2), se };
}

/** Linear-interpolation percentile of sorted values (type 7, R's default). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const x = (n - 1) * p;
  const lo = Math.floor(x);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (x - lo) * (sorted[hi] - sorted[lo]);
}
