// Daily variance proxies from OHLC bars. Garman–Klass (1980) on the open-to-close range is 5–7x more
// efficient than the squared close-to-close return; adding the squared overnight gap makes it a
// close-to-close variance again. The market proxy is the average over every ticker with a bar that day.
import type { PriceSeries } from "../types";

/** Floor of a daily variance: a 0.01% daily move. Keeps logs finite on bars with no range. */
export const VARIANCE_FLOOR = 1e-8;
const GK_C = 2 * Math.log(2) - 1;

/** Garman–Klass variance of each bar plus its squared overnight gap; bar i uses bars i-1 and i only. */
export function rangeVariance(series: PriceSeries): Float64Array {
  const { gk, gap } = rangeParts(series);
  return gk.map((v, i) => Math.max(v + gap[i], VARIANCE_FLOOR));
}

/**
 * The two parts of the range variance: the intraday Garman–Klass variance and the squared overnight gap
 * (0 on the first bar and on a bar without a usable range, whose squared close-to-close return counts as
 * intraday). Neither is floored; rangeVariance floors their sum.
 */
export function rangeParts(series: PriceSeries): { gk: Float64Array; gap: Float64Array } {
  const { open: o, high: h, low: l, close: c } = series;
  const n = c.length;
  const gk = new Float64Array(n);
  const gap = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const valid = o[i] > 0 && h[i] > 0 && l[i] > 0 && c[i] > 0 && h[i] >= l[i] && h[i] >= Math.max(o[i], c[i]) * (1 - 1e-9) && l[i] <= Math.min(o[i], c[i]) * (1 + 1e-9);
    if (valid) {
      const hl = Math.log(h[i] / l[i]);
      const co = Math.log(c[i] / o[i]);
      gk[i] = 0.5 * hl * hl - GK_C * co * co;
      if (i > 0 && c[i - 1] > 0) gap[i] = Math.log(o[i] / c[i - 1]) ** 2;
    } else {
      // A bar without a usable range (bad print): the squared close-to-close return is still unbiased.
      gk[i] = i > 0 && c[i - 1] > 0 && c[i] > 0 ? Math.log(c[i] / c[i - 1]) ** 2 : VARIANCE_FLOOR;
    }
  }
  return { gk, gap };
}

/** Market variance by date: the mean range variance over the tickers that traded that day. */
export type MarketVariance = ReadonlyMap<string, number>;

export function marketVariance(series: readonly PriceSeries[]): MarketVariance {
  const sum = new Map<string, { s: number; n: number }>();
  for (const s of series) {
    const rv = rangeVariance(s);
    s.dates.forEach((d, i) => {
      const e = sum.get(d) ?? { s: 0, n: 0 };
      e.s += rv[i];
      e.n++;
      sum.set(d, e);
    });
  }
  return new Map(Array.from(sum, ([d, e]) => [d, e.s / e.n]));
}

/** The market variance aligned to a series' bars; NaN on dates the market map does not have. */
export function alignMarket(series: PriceSeries, market?: MarketVariance): Float64Array | undefined {
  if (!market || market.size === 0) return undefined;
  return Float64Array.from(series.dates, (d) => market.get(d) ?? Number.NaN);
}
