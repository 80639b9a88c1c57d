// The universe as one panel: the sessions every symbol traded (the intersection of their dates), and for each
// symbol the index of each such session in its own series, so per-symbol paths (volatility, returns) computed
// on the full series are read at common dates.
import type { PriceSeries } from "../types";

export interface Panel {
  symbols: string[];
  series: PriceSeries[];
  /** Common session dates, ascending. */
  dates: string[];
  /** at[i][k]: index in series[i] of dates[k]. */
  at: Int32Array[];
}

export function panelOf(series: readonly PriceSeries[]): Panel {
  const count = new Map<string, number>();
  for (const s of series) for (const d of s.dates) count.set(d, (count.get(d) ?? 0) + 1);
  const dates = [...count].filter(([, c]) => c === series.length).map(([d]) => d).sort();
  const at = series.map((s) => {
    const index = new Map(s.dates.map((d, i) => [d, i]));
    return Int32Array.from(dates, (d) => index.get(d)!);
  });
  return { symbols: series.map((s) => s.symbol), series: [...series], dates, at };
}
