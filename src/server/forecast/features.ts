// Technical features for the machine-learning models, computed in one pass per indicator over typed
// arrays. Every value at row t depends only on bars 0..t (recursive indicators such as EMA and RSI are
// seeded from the first bars and run forward), so changing bars after t never changes row t.
import { HORIZONS, type HorizonKey, type PriceSeries } from "./types";

export interface FeatureMatrix {
  names: string[];
  rows: number;
  cols: number;
  /** Row-major, rows x cols; NaN where a feature lacks history. */
  data: Float64Array;
}

export interface FeatureTargets {
  /** h-day forward log return of adjClose per horizon; NaN where the future is not in the series. */
  byHorizon: Record<HorizonKey, Float64Array>;
}

const LAGS = 10;
const MA_PERIODS = [5, 10, 20, 50] as const;

export const FEATURE_NAMES: readonly string[] = [
  ...Array.from({ length: LAGS }, (_, i) => `ret_lag${i + 1}`),
  ...MA_PERIODS.map((p) => `sma${p}_ratio`),
  ...MA_PERIODS.map((p) => `ema${p}_ratio`),
  "rsi14",
  "macd",
  "macd_signal",
  "macd_hist",
  "bb_pctb",
  "bb_width",
  "atr14",
  "rv5",
  "rv20",
  "volume_ratio",
  "day_of_week",
];

/** Rows needed before every feature is defined (EMA50/SMA50 plus MACD signal warm-up). */
export const FEATURE_WARMUP = 50;

export function priceLogReturns(price: Float64Array): Float64Array {
  const out = new Float64Array(price.length).fill(NaN);
  for (let t = 1; t < price.length; t++) out[t] = Math.log(price[t] / price[t - 1]);
  return out;
}

export function sma(x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  let sum = 0;
  for (let t = 0; t < x.length; t++) {
    sum += x[t];
    if (t >= n) sum -= x[t - n];
    if (t >= n - 1) out[t] = sum / n;
  }
  return out;
}

/** EMA seeded with the SMA of the first n defined values; NaN inputs before the seed are skipped. */
export function ema(x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const alpha = 2 / (n + 1);
  let count = 0;
  let acc = 0;
  let prev = NaN;
  for (let t = 0; t < x.length; t++) {
    const v = x[t];
    if (Number.isNaN(prev)) {
      if (Number.isNaN(v)) continue;
      acc += v;
      count++;
      if (count === n) {
        prev = acc / n;
        out[t] = prev;
      }
    } else {
      prev = alpha * v + (1 - alpha) * prev;
      out[t] = prev;
    }
  }
  return out;
}

/** Rolling population standard deviation over n values (two-pass per window keeps it exact). */
export function rollingStd(x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = n - 1; t < x.length; t++) {
    let mean = 0;
    for (let k = t - n + 1; k <= t; k++) mean += x[k];
    mean /= n;
    let ss = 0;
    for (let k = t - n + 1; k <= t; k++) ss += (x[k] - mean) * (x[k] - mean);
    out[t] = Math.sqrt(ss / n);
  }
  return out;
}

/** Wilder RSI: average gain / loss seeded with the simple mean of the first n changes. */
export function rsi(price: Float64Array, n: number): Float64Array {
  const out = new Float64Array(price.length).fill(NaN);
  let avgGain = 0;
  let avgLoss = 0;
  for (let t = 1; t < price.length; t++) {
    const d = price[t] - price[t - 1];
    const gain = d > 0 ? d : 0;
    const loss = d < 0 ? -d : 0;
    if (t <= n) {
      avgGain += gain / n;
      avgLoss += loss / n;
      if (t < n) continue;
    } else {
      avgGain = (avgGain * (n - 1) + gain) / n;
      avgLoss = (avgLoss * (n - 1) + loss) / n;
    }
    out[t] = avgLoss === 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss);
  }
  return out;
}

/** Wilder ATR on split-adjusted high/low/close, seeded with the mean of the first n true ranges. */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, n: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  let avg = 0;
  for (let t = 1; t < close.length; t++) {
    const tr = Math.max(high[t] - low[t], Math.abs(high[t] - close[t - 1]), Math.abs(low[t] - close[t - 1]));
    if (t <= n) {
      avg += tr / n;
      if (t < n) continue;
    } else {
      avg = (avg * (n - 1) + tr) / n;
    }
    out[t] = avg;
  }
  return out;
}

// Every refit computes the features of its window again: the weekday of a date is looked up, not parsed each time
// (parsing was ~0.7 s of a symbol's first training). Bounded by the trading days of the data (~250 a year).
const WEEKDAYS = new Map<string, number>();

function dayOfWeek(iso: string): number {
  let day = WEEKDAYS.get(iso);
  if (day === undefined) {
    // Monday = 0 ... Friday = 4; Date.UTC keeps it independent of the host time zone.
    day = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
    WEEKDAYS.set(iso, day);
  }
  return day;
}

export function computeFeatures(series: PriceSeries): FeatureMatrix {
  const n = series.adjClose.length;
  const px = series.adjClose;
  const names = [...FEATURE_NAMES];
  const cols = names.length;
  const data = new Float64Array(n * cols).fill(NaN);
  let col = 0;
  const put = (values: Float64Array | ((t: number) => number)) => {
    for (let t = 0; t < n; t++) data[t * cols + col] = typeof values === "function" ? values(t) : values[t];
    col++;
  };

  const ret = priceLogReturns(px);
  for (let lag = 1; lag <= LAGS; lag++) put((t) => (t - lag + 1 >= 1 ? ret[t - lag + 1] : NaN));
  for (const p of MA_PERIODS) {
    const m = sma(px, p);
    put((t) => px[t] / m[t] - 1);
  }
  for (const p of MA_PERIODS) {
    const m = ema(px, p);
    put((t) => px[t] / m[t] - 1);
  }
  put(rsi(px, 14));

  const ema12 = ema(px, 12);
  const ema26 = ema(px, 26);
  const macd = new Float64Array(n);
  for (let t = 0; t < n; t++) macd[t] = (ema12[t] - ema26[t]) / px[t];
  const signal = ema(macd, 9);
  put(macd);
  put(signal);
  put((t) => macd[t] - signal[t]);

  const mid = sma(px, 20);
  const sd = rollingStd(px, 20);
  put((t) => (px[t] - (mid[t] - 2 * sd[t])) / (4 * sd[t]));
  put((t) => (4 * sd[t]) / mid[t]);

  const a = atr(series.high, series.low, series.close, 14);
  put((t) => a[t] / series.close[t]);

  const retFilled = new Float64Array(n);
  for (let t = 1; t < n; t++) retFilled[t] = ret[t];
  const rv5 = rollingStd(retFilled, 5);
  const rv20 = rollingStd(retFilled, 20);
  // The first window would include the undefined return at row 0.
  put((t) => (t >= 5 ? rv5[t] : NaN));
  put((t) => (t >= 20 ? rv20[t] : NaN));

  const avgVol = sma(series.volume, 20);
  put((t) => Math.log((series.volume[t] + 1) / (avgVol[t] + 1)));
  put((t) => dayOfWeek(series.dates[t]));

  return { names, rows: n, cols, data };
}

/** Forward h-day log returns of adjClose: target[t] = log(P[t+h] / P[t]). */
export function computeTargets(series: PriceSeries): FeatureTargets {
  const px = series.adjClose;
  const n = px.length;
  const byHorizon = {} as Record<HorizonKey, Float64Array>;
  for (const [key, h] of Object.entries(HORIZONS) as [HorizonKey, number][]) {
    const y = new Float64Array(n).fill(NaN);
    for (let t = 0; t + h < n; t++) y[t] = Math.log(px[t + h] / px[t]);
    byHorizon[key] = y;
  }
  return { byHorizon };
}

/** True when every column of row t is a finite number. */
export function rowIsComplete(m: FeatureMatrix, t: number): boolean {
  for (let j = 0; j < m.cols; j++) if (!Number.isFinite(m.data[t * m.cols + j])) return false;
  return true;
}
