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
  const block = Math.max(1, Math.min(want, D));
  const rng = createRng(seed);
  const replicates: (number | null)[][] = [];
  for (let r = 0; r < reps && D > 0; r++) {
    replicates.push(
      coverageOf((add) => {
        for (let drawn = 0; drawn < D; ) {
          const start = rng.int(D - block + 1);
          for (let k = 0; k < block && drawn < D; k++, drawn++) add(start + k);
        }
      }),
    );
  }
  const bands = [0, 1, 2].map((t): TercileBand => {
    const xs = Float64Array.from(replicates.map((x) => x[t]).filter((x): x is number => x !== null)).sort();
    if (!xs.length || full[t] === null) return { coverage: full[t], lower: null, upper: null, se: null };
    const m = xs.reduce((a, v) => a + v, 0) / xs.length;
    const se = Math.sqrt(xs.reduce((a, v) => a + (v - m) ** 2, 0) / Math.max(1, xs.length - 1));
    return { coverage: full[t], lower: percentile(xs, (1 - level) / 2), upper: percentile(xs, 1 - (1 - level) / 2), se };
  });
  return { bands, replicates };
}

/** Linear-interpolation percentile of sorted values (type 7, R's default). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const x = (n - 1) * p;
  const lo = Math.floor(x);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (x - lo) * (sorted[hi] - sorted[lo]);
}
