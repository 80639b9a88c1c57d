// Pure bar arithmetic shared by providers and the timeseries service (no I/O).
import type { Bar, Quote, TimeseriesPoint } from "./types";

/** Merges consecutive bars into one OHLCV bar: first open, max high, min low, last close, summed volume. */
export function mergeBars(group: Bar[]): Bar {
  const first = group[0]!;
  const last = group[group.length - 1]!;
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  for (const b of group) {
    if (b.high > high) high = b.high;
    if (b.low < low) low = b.low;
    volume += b.volume;
  }
  return {
    // A bar closes at its last session: label it by that date, as its close price is that day's.
    time: last.time,
    open: first.open,
    high,
    low,
    close: last.close,
    ...(last.adjClose !== undefined ? { adjClose: last.adjClose } : {}),
    volume,
  };
}

/**
 * Downsamples daily bars into bars of `size` trading days. Groups are anchored at the newest bar so
 * the latest bar is always complete and carries the latest close; only the oldest group may be short.
 */
export function downsampleByCount(bars: Bar[], size: number): Bar[] {
  if (size <= 1) return bars.slice();
  const out: Bar[] = [];
  for (let end = bars.length; end > 0; end -= size) {
    out.push(mergeBars(bars.slice(Math.max(0, end - size), end)));
  }
  return out.reverse();
}

/** Aggregates intraday bars into fixed UTC time buckets of `minutes` (e.g. hourly bars into 4-hour bars). */
export function aggregateByTime(bars: Bar[], minutes: number): Bar[] {
  const ms = minutes * 60_000;
  const out: Bar[] = [];
  let bucket: Bar[] = [];
  let bucketStart = NaN;
  for (const b of bars) {
    const t = Date.parse(b.time);
    const start = Math.floor(t / ms) * ms;
    if (start !== bucketStart && bucket.length) {
      out.push({ ...mergeBars(bucket), time: new Date(bucketStart).toISOString() });
      bucket = [];
    }
    bucketStart = start;
    bucket.push(b);
  }
  if (bucket.length) out.push({ ...mergeBars(bucket), time: new Date(bucketStart).toISOString() });
  return out;
}

export function quoteFromBars(symbol: string, bars: Bar[]): Quote | null {
  const last = bars[bars.length - 1];
  if (!last) return null;
  const prev = bars[bars.length - 2];
  const previousClose = prev ? prev.close : last.open;
  const change = last.close - previousClose;
  return {
    symbol,
    price: last.close,
    previousClose,
    change: round(change, 4),
    changePercent: previousClose ? round((change / previousClose) * 100, 4) : 0,
    open: last.open,
    high: last.high,
    low: last.low,
    volume: last.volume,
    time: last.time,
  };
}

/** 52-week high/low and average daily volume (last ~3 months, 63 sessions), anchored at the newest bar. */
export function barStats(bars: Bar[]): { week52High?: number; week52Low?: number; avgVolume?: number } {
  const last = bars[bars.length - 1];
  if (!last) return {};
  const from = shiftDate(last.time.slice(0, 10), { years: -1 });
  let high = -Infinity;
  let low = Infinity;
  for (let i = bars.length - 1; i >= 0 && bars[i]!.time.slice(0, 10) >= from; i--) {
    if (bars[i]!.high > high) high = bars[i]!.high;
    if (bars[i]!.low < low) low = bars[i]!.low;
  }
  const recent = bars.slice(-63);
  const avgVolume = Math.round(recent.reduce((s, b) => s + b.volume, 0) / recent.length);
  return { week52High: high, week52Low: low, avgVolume };
}

/** Calendar arithmetic on "YYYY-MM-DD"; month ends clamp (Mar 31 - 1 month = Feb 29 in a leap year). */
export function shiftDate(date: string, d: { years?: number; months?: number; days?: number }): string {
  const [y, m, day] = date.split("-").map(Number) as [number, number, number];
  const totalMonths = y * 12 + (m - 1) + (d.years ?? 0) * 12 + (d.months ?? 0);
  const ny = Math.floor(totalMonths / 12);
  const nm = totalMonths % 12;
  const lastDay = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  const dt = new Date(Date.UTC(ny, nm, Math.min(day, lastDay)));
  dt.setUTCDate(dt.getUTCDate() + (d.days ?? 0));
  return dt.toISOString().slice(0, 10);
}

export function toPoint(b: Bar): TimeseriesPoint {
  return { date: b.time, price: b.close, open: b.open, high: b.high, low: b.low, volume: b.volume };
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function sortBars(bars: Bar[]): Bar[] {
  return bars.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
