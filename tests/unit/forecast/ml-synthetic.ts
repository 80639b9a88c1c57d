// Synthetic regression data with known structure for the tree-model tests.
import { createRng } from "@/server/forecast/trees/rng";
import type { PriceSeries } from "@/server/forecast/types";

export interface Dataset {
  X: Float64Array;
  y: Float64Array;
  rows: number;
  cols: number;
  /** Noise-free target, to report the achievable R^2. */
  signal: Float64Array;
}

/** y = 2*[x0 > 0.3] + 1.5*x1 - [x2 > 0 and x3 > 0] + noise; the other features are pure noise. */
export function stepAndLinear({ rows, cols, noise, seed }: { rows: number; cols: number; noise: number; seed: number }): Dataset {
  const rng = createRng(seed);
  const X = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  const signal = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) X[i * cols + j] = rng.next() * 2 - 1;
    const x = (j: number) => X[i * cols + j];
    signal[i] = (x(0) > 0.3 ? 2 : 0) + 1.5 * x(1) - (x(2) > 0 && x(3) > 0 ? 1 : 0);
    // Box-Muller noise from the same seeded stream.
    const g = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    y[i] = signal[i] + noise * g;
  }
  return { X, y, rows, cols, signal };
}

export function rSquared(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < actual.length; i++) mean += actual[i];
  mean /= actual.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < actual.length; i++) {
    ssRes += (actual[i] - predicted[i]) ** 2;
    ssTot += (actual[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

export function rowRange(from: number, to: number): Int32Array {
  return Int32Array.from({ length: to - from }, (_, i) => from + i);
}

/**
 * A daily price series whose log returns follow an AR(1): r_t = phi * r_{t-1} + sigma * e_t. With phi < 0
 * the next return is partly predictable from the last one (theoretical R^2 = phi^2 for 1-day returns).
 */
export function ar1PriceSeries({ bars, phi, sigma, seed }: { bars: number; phi: number; sigma: number; seed: number }): PriceSeries {
  const rng = createRng(seed);
  const dates: string[] = [];
  const day = new Date(Date.UTC(2010, 0, 4));
  const close = new Float64Array(bars);
  let r = 0;
  let logP = Math.log(100);
  for (let i = 0; i < bars; i++) {
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
    const e = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    r = phi * r + sigma * e;
    logP += r;
    close[i] = Math.exp(logP);
  }
  const open = close.map((c, i) => (i === 0 ? c : close[i - 1]));
  return {
    symbol: "AR1",
    dates,
    open,
    high: close.map((c, i) => Math.max(c, open[i]) * 1.005),
    low: close.map((c, i) => Math.min(c, open[i]) * 0.995),
    close,
    adjClose: close.slice(),
    volume: close.map((_, i) => 1e6 * (1 + 0.2 * Math.sin(i / 5))),
  };
}

export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
