import "server-only";
// The historical data set shipped in the repo (data/*.csv, or MARKET_DATA_DIR). It is always the last
// resort of the chain and is always labelled historical: it ends on its own as-of date, it is never live.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { getEnv } from "@/env";
import { barStats, quoteFromBars } from "../bars";
import type { Bar, MarketProvider, Overview } from "../types";
import { onServicesReset } from "@/lib/services";

export interface TickerMeta {
  symbol: string;
  name: string;
  sector: string;
  exchange: string;
}

interface Store {
  dir: string;
  files: Set<string>;
  bars: Map<string, Bar[]>;
  meta: Map<string, TickerMeta> | null;
}
let store: Store | null = null;

export function dataDir(): string {
  const dir = getEnv().MARKET_DATA_DIR ?? "data";
  // data/ is shipped via outputFileTracingIncludes; tracing this dynamic path would pull in the whole project.
  return isAbsolute(dir) ? dir : resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
}

function getStore(): Store {
  const dir = dataDir();
  if (store?.dir === dir) return store;
  const files = new Set<string>();
  if (existsSync(dir)) {
    for (const f of readdirSync(dir)) {
      if (f.endsWith(".csv") && f !== "tickers.csv") files.add(f.slice(0, -4).toUpperCase());
    }
  }
  store = { dir, files, bars: new Map(), meta: null };
  return store;
}

/** Splits one CSV line, honouring double-quoted fields ("Tesla, Inc."). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") out.push(cur), (cur = "");
    else cur += c;
  }
  out.push(cur);
  return out;
}

/** Parses date,open,high,low,close,adj_close,volume; rows with missing numbers are dropped, not zero-filled. */
export function parseBarsCsv(text: string): Bar[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "").map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [iDate, iOpen, iHigh, iLow, iClose, iAdj, iVol] = ["date", "open", "high", "low", "close", "adj_close", "volume"].map(col) as number[];
  if (iDate! < 0 || iClose! < 0) return [];
  const bars: Bar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const f = line.split(",");
    const close = Number(f[iClose!]);
    const open = iOpen! >= 0 ? Number(f[iOpen!]) : close;
    const high = iHigh! >= 0 ? Number(f[iHigh!]) : close;
    const low = iLow! >= 0 ? Number(f[iLow!]) : close;
    const volume = iVol! >= 0 ? Number(f[iVol!]) : 0;
    if (![close, open, high, low, volume].every(Number.isFinite) || !f[iDate!]) continue;
    const bar: Bar = { time: f[iDate!]!.trim(), open, high, low, close, volume };
    const adj = iAdj! >= 0 ? Number(f[iAdj!]) : NaN;
    if (Number.isFinite(adj)) bar.adjClose = adj;
    bars.push(bar);
  }
  bars.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return bars;
}

/** Daily bars of a shipped symbol, parsed once and kept in memory; null when the set lacks the symbol. */
export function shippedBars(symbol: string): Bar[] | null {
  const s = getStore();
  const sym = symbol.toUpperCase();
  const hit = s.bars.get(sym);
  if (hit) return hit;
  if (!s.files.has(sym)) return null;
  const bars = parseBarsCsv(readFileSync(join(s.dir, `${sym}.csv`), "utf8"));
  s.bars.set(sym, bars);
  return bars;
}

/** Company metadata from tickers.csv (symbol,name,sector,exchange). */
export function shippedTickers(): Map<string, TickerMeta> {
  const s = getStore();
  if (s.meta) return s.meta;
  const meta = new Map<string, TickerMeta>();
  const file = join(s.dir, "tickers.csv");
  if (existsSync(file)) {
    const lines = readFileSync(file, "utf8").split(/\r?\n/).filter(Boolean);
    const header = splitCsvLine(lines[0] ?? "").map((h) => h.trim().toLowerCase());
    for (const line of lines.slice(1)) {
      const f = splitCsvLine(line);
      const get = (k: string) => (f[header.indexOf(k)] ?? "").trim();
      const symbol = get("symbol").toUpperCase();
      if (symbol) meta.set(symbol, { symbol, name: get("name"), sector: get("sector"), exchange: get("exchange") });
    }
  }
  s.meta = meta;
  return meta;
}

export function shippedSymbols(): string[] {
  return [...getStore().files].sort();
}

/** The shipped set's as-of date: the newest bar of any of its files. */
export function shippedAsOf(symbol?: string): string | null {
  const bars = symbol ? shippedBars(symbol) : null;
  if (bars?.length) return bars[bars.length - 1]!.time;
  let newest: string | null = null;
  for (const s of shippedSymbols()) {
    const b = shippedBars(s);
    const t = b?.[b.length - 1]?.time;
    if (t && (!newest || t > newest)) newest = t;
  }
  return newest;
}

// Tests point MARKET_DATA_DIR at other folders: resetServicesForTests() drops the parsed copy.
onServicesReset(() => {
  store = null;
});

export const shippedProvider: MarketProvider = {
  name: "shipped",
  enabled: () => existsSync(dataDir()),
  async quote(symbol) {
    const bars = shippedBars(symbol);
    return bars ? quoteFromBars(symbol, bars) : null;
  },
  async daily(symbol) {
    return shippedBars(symbol);
  },
  // Daily data only: the timeseries service falls back to daily bars and says so.
  async intraday() {
    return null;
  },
  async overview(symbol): Promise<Overview | null> {
    const bars = shippedBars(symbol);
    if (!bars) return null;
    const m = shippedTickers().get(symbol);
    return {
      symbol,
      name: m?.name || symbol,
      ...(m?.sector ? { sector: m.sector } : {}),
      ...(m?.exchange ? { exchange: m.exchange } : {}),
      currency: "USD",
      ...barStats(bars),
    };
  },
};
