// Earnings-release days inferred from daily bars (issue 21 item 4), for series without filed dates: a bar
// is an event when its overnight gap |ln(open / previous close)| is large against the gaps of the quarter
// before it and its volume spikes against the month before it, and the quarterly cadence agrees (a
// stricter bar far from where the next release is expected). Causal: whether bar i is an event depends on
// bars 0..i only, so a walk-forward origin at t may use every event found at or before t.
import type { PriceSeries } from "../types";

export const EARNINGS_INFERENCE = {
  /** Bars of past overnight gaps the gap is compared with (a quarter), and of past volumes (a month). */
  gapLookback: 63,
  volumeLookback: 21,
  /** |gap| / mean |gap| of the lookback, and volume / median volume, at least this in the expected window... */
  gapRatio: 2.5,
  volumeRatio: 1.5,
  /** ...and at least these elsewhere (a company's first release in the data, a moved date, or news). */
  strictGapRatio: 4,
  strictVolumeRatio: 2.5,
  /** Fewest bars between two releases. */
  minSpacing: 40,
  /** The release is expected `cadence` bars after the last one (a quarter), give or take `tolerance`. */
  cadence: 63,
  tolerance: 12,
} as const;

export type EarningsInferenceOptions = Partial<Record<keyof typeof EARNINGS_INFERENCE, number>>;

/** Per bar: the overnight gap against the mean gap of the lookback, and the volume against its median; NaN without history. */
export function gapAndVolumeRatios(series: PriceSeries, o: EarningsInferenceOptions = {}): { gap: Float64Array; volume: Float64Array } {
  const gl = o.gapLookback ?? EARNINGS_INFERENCE.gapLookback;
  const vl = o.volumeLookback ?? EARNINGS_INFERENCE.volumeLookback;
  const { open, close, volume } = series;
  const n = close.length;
  const absGap = Float64Array.from(close, (_c, i) => (i > 0 && close[i - 1] > 0 && open[i] > 0 ? Math.abs(Math.log(open[i] / close[i - 1])) : Number.NaN));
  const gap = new Float64Array(n).fill(Number.NaN);
  const vol = new Float64Array(n).fill(Number.NaN);
  let sum = 0;
  let cnt = 0;
  const window: number[] = [];
  for (let i = 1; i < n; i++) {
    if (i - 1 - gl >= 1 && Number.isFinite(absGap[i - 1 - gl])) {
      sum -= absGap[i - 1 - gl];
      cnt--;
    }
    if (i >= 2 && Number.isFinite(absGap[i - 1])) {
      sum += absGap[i - 1];
      cnt++;
    }
    if (i > gl && cnt > gl / 2 && sum > 0 && Number.isFinite(absGap[i])) gap[i] = absGap[i] / (sum / cnt);
    // The positive volumes of bars i-vl..i-1, kept sorted as the window slides (serving runs this per request).
    if (i - 1 - vl >= 0 && volume[i - 1 - vl] > 0) window.splice(lowerBound(window, volume[i - 1 - vl]), 1);
    if (volume[i - 1] > 0) window.splice(lowerBound(window, volume[i - 1]), 0, volume[i - 1]);
    if (i >= vl && volume[i] > 0 && window.length > vl / 2) vol[i] = volume[i] / window[Math.floor(window.length / 2)];
  }
  return { gap, volume: vol };
}

/** First index of a sorted array whose value is >= x. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bar indices of the inferred earnings-release days, oldest first (the bar whose open reacts to the release). */
export function inferEarningsDays(series: PriceSeries, o: EarningsInferenceOptions = {}): number[] {
  const p = { ...EARNINGS_INFERENCE, ...o };
  const r = gapAndVolumeRatios(series, o);
  const out: number[] = [];
  for (let i = 1; i < series.close.length; i++) {
    const g = r.gap[i];
    const v = r.volume[i];
    if (!(g >= p.gapRatio && v >= p.volumeRatio)) continue;
    const last = out.length ? out[out.length - 1] : -Infinity;
    if (i - last < p.minSpacing) continue;
    const expected = expectedNext(out, p.cadence);
    const inWindow = expected !== null && Math.abs(i - expected) <= p.tolerance;
    if (inWindow || (g >= p.strictGapRatio && v >= p.strictVolumeRatio)) out.push(i);
  }
  return out;
}

/**
 * Where the next release is expected after the events found so far: the last one plus the median spacing of
 * the last four (bounded to 50..80 bars; a skipped quarter counts as two), or `cadence` after a single one.
 */
export function expectedNext(events: readonly number[], cadence: number = EARNINGS_INFERENCE.cadence): number | null {
  if (events.length === 0) return null;
  const last = events[events.length - 1];
  const gaps: number[] = [];
  for (let k = Math.max(1, events.length - 4); k < events.length; k++) {
    const d = events[k] - events[k - 1];
    const q = Math.max(1, Math.round(d / cadence));
    gaps.push(d / q);
  }
  if (gaps.length === 0) return last + cadence;
  gaps.sort((a, b) => a - b);
  const med = gaps[Math.floor(gaps.length / 2)];
  return last + Math.round(Math.min(80, Math.max(50, med)));
}

/** Bars (index) matched to true event bars within `slack` bars: precision = hits / inferred, recall = found / true. */
export function hitRate(o: { inferred: readonly number[]; truth: readonly number[]; slack?: number }): { hits: number; found: number; precision: number; recall: number } {
  const s = o.slack ?? 0;
  const near = (a: number, list: readonly number[]) => list.some((b) => Math.abs(a - b) <= s);
  const hits = o.inferred.filter((i) => near(i, o.truth)).length;
  const found = o.truth.filter((t) => near(t, o.inferred)).length;
  return { hits, found, precision: o.inferred.length ? hits / o.inferred.length : Number.NaN, recall: o.truth.length ? found / o.truth.length : Number.NaN };
}
