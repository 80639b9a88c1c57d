// The stated probability that a price ends above where it started, read off a predictive distribution
// given as quantiles. One function for the served forecasts and for the walk-forward origins, so the
// calibration measured on the origins is the calibration of what is shown.

/** A point of the predictive distribution of the h-step log return: P(return <= value) = p. */
export interface QuantilePoint {
  p: number;
  value: number;
}

/**
 * P(log return > 0) by linear interpolation of the CDF between the quantiles. Outside the outermost
 * quantiles nothing is known, so the answer is clamped to them (e.g. at most 0.995 with a 99% interval).
 */
export function probabilityUp(points: readonly QuantilePoint[]): number | null {
  const q = points.filter((x) => Number.isFinite(x.value) && Number.isFinite(x.p)).sort((a, b) => a.value - b.value || a.p - b.p);
  if (q.length < 2) return null;
  if (0 <= q[0].value) return 1 - q[0].p;
  const last = q[q.length - 1];
  if (0 >= last.value) return 1 - last.p;
  for (let i = 1; i < q.length; i++) {
    const a = q[i - 1];
    const b = q[i];
    if (0 <= b.value) {
      const cdf = b.value === a.value ? b.p : a.p + ((b.p - a.p) * (0 - a.value)) / (b.value - a.value);
      return 1 - cdf;
    }
  }
  return null;
}

/** The symmetric quantiles of central intervals around a median, in log-return space. */
export function quantilesOfIntervals({
  median,
  intervals,
}: {
  median: number;
  intervals: { level: number; lower: number; upper: number }[];
}): QuantilePoint[] {
  const out: QuantilePoint[] = [{ p: 0.5, value: median }];
  for (const iv of intervals) {
    out.push({ p: (1 - iv.level) / 2, value: iv.lower }, { p: (1 + iv.level) / 2, value: iv.upper });
  }
  return out;
}

/** A served forecast's probability of closing above the last close, from its price intervals. */
export function probabilityUpOfPrices({
  lastClose,
  price,
  intervals,
}: {
  lastClose: number;
  price: number;
  intervals: Record<string, [number, number]> | null;
}): number | null {
  if (!intervals || !(lastClose > 0) || !(price > 0)) return null;
  const lr = (x: number) => Math.log(x / lastClose);
  const levels = Object.entries(intervals).map(([k, [lo, hi]]) => ({ level: Number(k) / 100, lower: lr(lo), upper: lr(hi) }));
  return probabilityUp(quantilesOfIntervals({ median: lr(price), intervals: levels }));
}
