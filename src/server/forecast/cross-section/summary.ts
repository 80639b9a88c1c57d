// A variant's RPS over scored weeks beside the uniform forecast's on the same weeks, with a noise band on
// the difference: a moving-block bootstrap over weeks (blocks of 4, so a month of shared volatility stays
// together), 2,000 resamples, seeded. "Edge" only when the whole 95% band is below zero.
import { mulberry32 } from "../math/seeded-random";

export interface RpsSummary {
  weeks: number;
  from: string | null;
  to: string | null;
  rps: number | null;
  uniform: number | null;
  /** rps - uniform: negative is better than uniform. */
  difference: number | null;
  /** Standard error of the mean difference over weeks. */
  standardError: number | null;
  /** 95% block-bootstrap band of the mean difference. */
  band: [number, number] | null;
  edge: boolean;
}

export const BOOTSTRAP = { block: 4, resamples: 2000, seed: 20261207 } as const;

export function blockBootstrapBand(x: readonly number[], o: { block?: number; resamples?: number; seed?: number } = {}): [number, number] {
  const L = Math.min(o.block ?? BOOTSTRAP.block, x.length);
  const B = o.resamples ?? BOOTSTRAP.resamples;
  const rand = mulberry32(o.seed ?? BOOTSTRAP.seed);
  const n = x.length;
  const blocks = Math.ceil(n / L);
  const means = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    let c = 0;
    for (let k = 0; k < blocks; k++) {
      const start = Math.floor(rand() * (n - L + 1));
      for (let j = 0; j < L && c < n; j++, c++) s += x[start + j];
    }
    means[b] = s / n;
  }
  means.sort();
  return [means[Math.floor(0.025 * (B - 1))], means[Math.ceil(0.975 * (B - 1))]];
}

export function summarizeWeeks(weeks: readonly { origin: string; target: string; rps: Record<string, number> }[], id: string): RpsSummary {
  if (!weeks.length) return { weeks: 0, from: null, to: null, rps: null, uniform: null, difference: null, standardError: null, band: null, edge: false };
  const n = weeks.length;
  const mean = (f: (w: (typeof weeks)[number]) => number) => weeks.reduce((s, w) => s + f(w), 0) / n;
  const diffs = weeks.map((w) => w.rps[id] - w.rps.uniform);
  const d = diffs.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(diffs.reduce((s, v) => s + (v - d) ** 2, 0) / Math.max(1, n - 1));
  const band = n >= 8 ? blockBootstrapBand(diffs) : null;
  return {
    weeks: n,
    from: weeks[0].origin,
    to: weeks[n - 1].target,
    rps: mean((w) => w.rps[id]),
    uniform: mean((w) => w.rps.uniform),
    difference: d,
    standardError: sd / Math.sqrt(n),
    band,
    edge: band !== null && band[1] < 0,
  };
}
