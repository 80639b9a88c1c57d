// The price chart in words, for screen readers and anyone who cannot see the canvas: range, first and last
// close, high and low with their dates, and the change (the same change the legend shows).
import type { Range } from "@/server/market/types";
import { formatPercent, formatPrice } from "@/components/lib/format";
import { formatTooltipTime, resolutionLabel, type ChartBar } from "./chart-time";

export interface RangeChange {
  percent: number;
  /** What the change is measured from: the range's first bar, or (1D) the previous close, as the header does. */
  since: string;
}

/** 1D on intraday bars compares with the previous close, like the quote header; other ranges with their first bar. */
export function rangeChangeOf({ bars, range, resolution, previousClose }: { bars: ChartBar[]; range: Range; resolution: string; previousClose?: number | null }): RangeChange | null {
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last) return null;
  if (range === "1D" && previousClose && /min$/.test(resolution)) {
    return { percent: ((last.price - previousClose) / previousClose) * 100, since: "the previous close" };
  }
  return { percent: ((last.price - first.price) / first.price) * 100, since: formatTooltipTime(first.time, range, resolution) };
}

export function chartSummary({ symbol, bars, range, resolution, change }: { symbol: string; bars: ChartBar[]; range: Range; resolution: string; change: RangeChange | null }): string {
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last) return `${symbol} price chart, ${range}: no data.`;
  const high = bars.reduce((a, b) => (b.high > a.high ? b : a));
  const low = bars.reduce((a, b) => (b.low < a.low ? b : a));
  const at = (b: ChartBar) => formatTooltipTime(b.time, range, resolution);
  return [
    `${symbol} price chart, ${range} (${resolutionLabel(resolution, range)}), ${at(first)} to ${at(last)}.`,
    `First ${formatPrice(first.price)}, last ${formatPrice(last.price)}, high ${formatPrice(high.high)} on ${at(high)}, low ${formatPrice(low.low)} on ${at(low)}.`,
    change ? `Change ${formatPercent(change.percent)} since ${change.since}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
}
