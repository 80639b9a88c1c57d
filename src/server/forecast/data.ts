// Loading and cleaning daily bars into PriceSeries. Plain node (no Next.js): used by scripts, tests and routes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { notFound } from "../../lib/errors";
import { isSymbol } from "../../lib/symbol";
import type { PriceSeries } from "./types";

export interface Bar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number;
  volume: number;
}

export interface DroppedBar {
  index: number;
  date: string;
  reason: "non_finite" | "non_positive" | "no_trade" | "duplicate_date" | "not_ascending" | "bad_date";
}

export interface CleanResult {
  series: PriceSeries;
  dropped: DroppedBar[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The shipped data folder. Callers that honour MARKET_DATA_DIR pass it as `dir` (read through src/env.ts). */
export function defaultDataDir(): string {
  return join(process.cwd(), "data");
}

/** Tickers with a CSV in the folder, sorted. */
export function listSymbols({ dir = defaultDataDir() }: { dir?: string } = {}): string[] {
  // The folder is chosen at run time; bundlers must not trace it (data/ ships via outputFileTracingIncludes).
  if (!existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => f.endsWith(".csv") && f !== "tickers.csv")
    .map((f) => f.slice(0, -4).toUpperCase())
    .filter((s) => isSymbol(s))
    .sort();
}

export function seriesFromBars({ symbol, bars }: { symbol: string; bars: readonly Bar[] }): PriceSeries {
  const n = bars.length;
  const s: PriceSeries = {
    symbol,
    dates: new Array<string>(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    adjClose: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const b = bars[i];
    s.dates[i] = b.date;
    s.open[i] = b.open;
    s.high[i] = b.high;
    s.low[i] = b.low;
    s.close[i] = b.close;
    s.adjClose[i] = b.adjClose;
    s.volume[i] = b.volume;
  }
  return s;
}

export function parseCsv({ symbol, text }: { symbol: string; text: string }): PriceSeries {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.trim().toLowerCase().split(",") ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${symbol}: CSV header lacks column "${name}"`);
    return i;
  };
  const [iD, iO, iH, iL, iC, iA, iV] = ["date", "open", "high", "low", "close", "adj_close", "volume"].map(col);
  const bars: Bar[] = [];
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k].trim();
    if (!line) continue;
    const f = line.split(",");
    bars.push({
      date: f[iD],
      open: Number(f[iO]),
      high: Number(f[iH]),
      low: Number(f[iL]),
      close: Number(f[iC]),
      adjClose: f[iA] === undefined || f[iA] === "" ? Number(f[iC]) : Number(f[iA]),
      volume: Number(f[iV]),
    });
  }
  return seriesFromBars({ symbol, bars });
}

/**
 * Reads <dir>/<SYMBOL>.csv. Cleaned by default (pass clean: false for the raw file).
 * Throws a not_found AppError for an unknown symbol.
 */
export function readSeriesCsv({
  dir = defaultDataDir(),
  symbol,
  clean = true,
}: {
  dir?: string;
  symbol: string;
  clean?: boolean;
}): PriceSeries {
  const sym = symbol.trim().toUpperCase();
  if (!isSymbol(sym)) throw notFound(`Unknown symbol "${symbol}"`);
  const file = join(dir, `${sym}.csv`);
  if (!existsSync(file)) throw notFound(`No market data for symbol "${sym}" in ${dir}`);
  const raw = parseCsv({ symbol: sym, text: readFileSync(file, "utf8") });
  return clean ? cleanSeries(raw).series : raw;
}

/**
 * Drops bars that would poison returns: non-finite or non-positive prices, no-trade filler bars
 * (open = high = low = close with zero volume, e.g. AMD 2015-01-02 repeating the prior close),
 * malformed, duplicate or non-ascending dates. Later duplicates are dropped, the first is kept.
 */
export function cleanSeries(series: PriceSeries): CleanResult {
  const keep: number[] = [];
  const dropped: DroppedBar[] = [];
  let lastDate = "";
  for (let i = 0; i < series.dates.length; i++) {
    const date = series.dates[i];
    const o = series.open[i];
    const h = series.high[i];
    const l = series.low[i];
    const c = series.close[i];
    const a = series.adjClose[i];
    const v = series.volume[i];
    let reason: DroppedBar["reason"] | undefined;
    if (typeof date !== "string" || !DATE_RE.test(date)) reason = "bad_date";
    else if (![o, h, l, c, a, v].every(Number.isFinite)) reason = "non_finite";
    else if (o <= 0 || h <= 0 || l <= 0 || c <= 0 || a <= 0 || v < 0) reason = "non_positive";
    else if (o === h && h === l && l === c && v === 0) reason = "no_trade";
    else if (date === lastDate) reason = "duplicate_date";
    else if (date < lastDate) reason = "not_ascending";
    if (reason) {
      dropped.push({ index: i, date: String(date), reason });
      continue;
    }
    keep.push(i);
    lastDate = date;
  }
  if (dropped.length === 0) return { series, dropped };
  const pick = (arr: Float64Array) => Float64Array.from(keep, (i) => arr[i]);
  return {
    series: {
      symbol: series.symbol,
      dates: keep.map((i) => series.dates[i]),
      open: pick(series.open),
      high: pick(series.high),
      low: pick(series.low),
      close: pick(series.close),
      adjClose: pick(series.adjClose),
      volume: pick(series.volume),
    },
    dropped,
  };
}

/** The first `end` bars (indices 0..end-1): what was known at the close of bar end-1. Views, no copy. */
export function sliceSeries(series: PriceSeries, end: number): PriceSeries {
  return windowSeries(series, 0, end);
}

/** Bars [start, end): a window for training on the recent past only. */
export function windowSeries(series: PriceSeries, start: number, end = series.dates.length): PriceSeries {
  const s = Math.max(0, start);
  const e = Math.max(s, Math.min(end, series.dates.length));
  return {
    symbol: series.symbol,
    dates: series.dates.slice(s, e),
    open: series.open.subarray(s, e),
    high: series.high.subarray(s, e),
    low: series.low.subarray(s, e),
    close: series.close.subarray(s, e),
    adjClose: series.adjClose.subarray(s, e),
    volume: series.volume.subarray(s, e),
    // Filed releases stay with the bars: one accepted after the window's last close maps past it and is not read.
    ...(series.filed ? { filed: series.filed } : {}),
  };
}
