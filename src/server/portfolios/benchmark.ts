// The portfolio against an equal-weight benchmark of the shipped universe, over the portfolio's own period
// (its first trade to the last close). Both are time-weighted price returns from daily closes: each day the
// portfolio earns what the shares it held at the previous close earned (so money added or taken out is not
// counted as performance), and the benchmark earns the plain average of the universe's daily returns
// (rebalanced to equal weights every day). Dividends are in neither. Pure.
import type { Trade } from "./figures";

export interface CloseSeries {
  symbol: string;
  dates: readonly string[];
  close: ArrayLike<number>;
}

export interface BenchmarkComparison {
  from: string;
  to: string;
  /** Total time-weighted return over the period (0.1 = +10%). */
  portfolioReturn: number;
  benchmarkReturn: number;
  universe: string[];
  /** Growth of 100 on (at most ~250) days of the period, the last day always included. */
  series: { date: string; portfolio: number; benchmark: number }[];
}

const MAX_POINTS = 250;

/** Close of each series on or before each grid date (NaN before its first bar). */
function alignedCloses(s: CloseSeries, grid: readonly string[]): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  let j = -1;
  grid.forEach((d, g) => {
    while (j + 1 < s.dates.length && s.dates[j + 1] <= d) j++;
    if (j >= 0) out[g] = s.close[j];
  });
  return out;
}

/** Whether the series has a bar on exactly each grid date. */
function tradedOn(s: CloseSeries, grid: readonly string[]): Uint8Array {
  const days = new Set(s.dates);
  return Uint8Array.from(grid, (d) => (days.has(d) ? 1 : 0));
}

export function compareWithBenchmark({ trades, traded, universe }: { trades: readonly Trade[]; traded: readonly CloseSeries[]; universe: readonly CloseSeries[] }): BenchmarkComparison | null {
  if (trades.length === 0 || traded.length === 0 || universe.length === 0) return null;
  const start = trades.reduce((m, t) => (t.date < m ? t.date : m), trades[0].date);
  const end = traded.reduce((m, s) => (s.dates[s.dates.length - 1] < m ? s.dates[s.dates.length - 1] : m), traded[0].dates[traded[0].dates.length - 1]);
  const days = new Set<string>();
  for (const s of traded) for (const d of s.dates) if (d >= start && d <= end) days.add(d);
  const grid = [...days].sort();
  if (grid.length < 2) return null;

  const sorted = [...trades].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const held = traded.map(() => 0);
  const index = new Map(traded.map((s, i) => [s.symbol, i]));
  const closes = traded.map((s) => alignedCloses(s, grid));
  const uCloses = universe.map((s) => alignedCloses(s, grid));
  const uTraded = universe.map((s) => tradedOn(s, grid));
  let next = 0;
  const applyThrough = (date: string) => {
    for (; next < sorted.length && sorted[next].date <= date; next++) {
      const i = index.get(sorted[next].symbol);
      if (i !== undefined) held[i] += sorted[next].quantity;
    }
  };
  applyThrough(grid[0]);
  let p = 100;
  let b = 100;
  const points = [{ date: grid[0], portfolio: p, benchmark: b }];
  for (let g = 1; g < grid.length; g++) {
    let v0 = 0;
    let v1 = 0;
    held.forEach((q, i) => {
      if (q <= 0 || !Number.isFinite(closes[i][g - 1])) return;
      v0 += q * closes[i][g - 1];
      v1 += q * closes[i][g];
    });
    if (v0 > 0) p *= v1 / v0;
    let sum = 0;
    let count = 0;
    uCloses.forEach((c, u) => {
      if (!uTraded[u][g] || !uTraded[u][g - 1] || !(c[g - 1] > 0)) return;
      sum += c[g] / c[g - 1] - 1;
      count++;
    });
    if (count) b *= 1 + sum / count;
    points.push({ date: grid[g], portfolio: p, benchmark: b });
    applyThrough(grid[g]);
  }
  const step = Math.max(1, Math.ceil(points.length / MAX_POINTS));
  const series = points.filter((_, i) => i % step === 0 || i === points.length - 1);
  return { from: grid[0], to: grid[grid.length - 1], portfolioReturn: p / 100 - 1, benchmarkReturn: b / 100 - 1, universe: universe.map((s) => s.symbol), series };
}
