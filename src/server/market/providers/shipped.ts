import "server-only";
// The historical data set shipped in the repo (data/*.csv, or MARKET_DATA_DIR). It is always the last
// resort of the chain and is always labelled historical: it ends on its own as-of date, it is never live.
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { getEnv } from "@/env";
import { barStats, quoteFromBars, shiftDate } from "../bars";
import { clearDegraded, markDegraded } from "../data-health";
import type { Bar, MarketProvider, Overview } from "../types";
import { describeRefused, validateBars, type Refused } from "../validate";
import { onServicesReset } from "@/lib/services";

export interface TickerMeta {
  symbol: string;
  name: string;
  sector: string;
  exchange: string;
  /** GICS sub-industry ("Diversified Banks"): lets a search for "bank" find JPM. */
  subIndustry: string;
}

interface Loaded {
  bars: Bar[];
  mtimeMs: number;
  size: number;
  checkedAt: number;
}

interface Store {
  dir: string;
  files: Set<string>;
  bars: Map<string, Loaded>;
  meta: Map<string, TickerMeta> | null;
  setAsOf?: { at: number; date: string | null };
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
  try {
    for (const f of readdirSync(dir)) {
      if (f.endsWith(".csv") && f !== "tickers.csv") files.add(f.slice(0, -4).toUpperCase());
    }
  } catch {
    // No data folder: the provider reports itself disabled.
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

const COLUMNS = ["date", "open", "high", "low", "close", "adj_close", "volume"] as const;
const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? NaN : Number(s));

/**
 * Parses date,open,high,low,close[,adj_close],volume in file order and validates every row (validate.ts):
 * rows that are short, non-numeric, out of order, duplicated, in the future or impossible are refused with
 * a reason, never zero-filled or re-sorted into place.
 */
export function parseBarsFile(text: string, { now = new Date() }: { now?: Date } = {}): { bars: Bar[]; refused: Refused[] } {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "").map((h) => h.trim().toLowerCase());
  const [iDate, iOpen, iHigh, iLow, iClose, iAdj, iVol] = COLUMNS.map((c) => header.indexOf(c));
  if (iDate! < 0 || iOpen! < 0 || iHigh! < 0 || iLow! < 0 || iClose! < 0 || iVol! < 0) {
    return { bars: [], refused: [{ at: "line 1", reason: "header lacks date, open, high, low, close and volume columns" }] };
  }
  const rows: Bar[] = [];
  const refused: Refused[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const f = line.split(",");
    const time = (f[iDate!] ?? "").trim();
    if (f.length !== header.length) {
      refused.push({ at: time || `line ${i + 1}`, reason: `row has ${f.length} fields, the header ${header.length} (truncated?)` });
      continue;
    }
    const bar: Bar = { time, open: num(f[iOpen!]), high: num(f[iHigh!]), low: num(f[iLow!]), close: num(f[iClose!]), volume: num(f[iVol!]) };
    if (iAdj! >= 0 && (f[iAdj!] ?? "").trim() !== "") bar.adjClose = num(f[iAdj!]);
    rows.push(bar);
  }
  const checked = validateBars(rows, { now });
  return { bars: checked.bars, refused: [...refused, ...checked.refused] };
}

/** Parsed, validated bars (refused rows dropped). */
export function parseBarsCsv(text: string): Bar[] {
  return parseBarsFile(text).bars;
}

const STALE_DAYS = 31;

/**
 * The date the set as a whole runs to: the median of each file's last dated line (read from the file's
 * tail), so one file cut short, or one with a row from the future, does not move it.
 */
function setAsOf(s: Store): string | null {
  if (s.setAsOf && Date.now() - s.setAsOf.at < RECHECK_MS) return s.setAsOf.date;
  const today = new Date().toISOString().slice(0, 10);
  const ends: string[] = [];
  for (const sym of s.files) {
    try {
      const fd = openSync(join(s.dir, `${sym}.csv`), "r");
      try {
        const size = fstatSync(fd).size;
        const buf = Buffer.alloc(Math.min(512, size));
        readSync(fd, buf, 0, buf.length, size - buf.length);
        const date = buf.toString("utf8").trim().split(/\r?\n/).pop()?.split(",")[0]?.trim() ?? "";
        if (/^\d{4}-\d{2}-\d{2}$/.test(date) && date <= today) ends.push(date);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Unreadable files are refused when they are loaded; they do not count here.
    }
  }
  ends.sort();
  const date = ends.length ? ends[Math.floor(ends.length / 2)]! : null;
  s.setAsOf = { at: Date.now(), date };
  return date;
}

// A changed file is noticed within this long; each symbol's file is stat-ed at most this often.
const RECHECK_MS = 2_000;

/**
 * Loads one symbol's file. A file that cannot be read or yields no valid row is refused: the symbol is
 * marked degraded and the last valid copy, if one was loaded before, keeps serving. Refused rows inside an
 * otherwise valid file degrade the symbol too, while the valid rows serve.
 */
function load(s: Store, sym: string, previous: Loaded | undefined): Loaded | null {
  const file = join(s.dir, `${sym}.csv`);
  const keepPrevious = (reason: string, stat?: { mtimeMs: number; size: number }) => {
    markDegraded({ symbol: sym, source: "shipped", reason, servingLastValid: Boolean(previous) });
    if (!previous) return null;
    // Remember this version of the file as seen, so it is not re-read on every request.
    return { ...previous, mtimeMs: stat?.mtimeMs ?? previous.mtimeMs, size: stat?.size ?? previous.size, checkedAt: Date.now() };
  };
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return keepPrevious("data file is missing");
  }
  if (!stat.isFile()) return keepPrevious("data file is not a regular file");
  if (previous && previous.mtimeMs === stat.mtimeMs && previous.size === stat.size) return { ...previous, checkedAt: Date.now() };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    return keepPrevious(`data file cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"})`, stat);
  }
  const { bars, refused } = parseBarsFile(text);
  if (bars.length === 0) return keepPrevious(refused.length ? `no valid rows: ${describeRefused(refused)}` : "data file has no rows", stat);
  // A file cut short still parses; ending well before the copy it replaces is refused as truncated.
  const prevLast = previous?.bars[previous.bars.length - 1]?.time;
  const last = bars[bars.length - 1]!.time;
  if (prevLast && last < prevLast) return keepPrevious(`data now ends ${last}, before the ${prevLast} already served (truncated?)`, stat);
  const runsTo = setAsOf(s);
  if (runsTo && last < shiftDate(runsTo, { days: -STALE_DAYS })) {
    return keepPrevious(`data ends ${last}, more than ${STALE_DAYS} days before the rest of the set (${runsTo}; truncated?)`, stat);
  }
  if (refused.length) markDegraded({ symbol: sym, source: "shipped", reason: describeRefused(refused), servingLastValid: false });
  else clearDegraded({ symbol: sym, source: "shipped" });
  return { bars, mtimeMs: stat.mtimeMs, size: stat.size, checkedAt: Date.now() };
}

/** Daily bars of a shipped symbol, validated, kept in memory and re-read when the file changes; null when the set lacks the symbol. */
export function shippedBars(symbol: string): Bar[] | null {
  const s = getStore();
  const sym = symbol.toUpperCase();
  if (!s.files.has(sym)) return null;
  const hit = s.bars.get(sym);
  if (hit && Date.now() - hit.checkedAt < RECHECK_MS) return hit.bars;
  const loaded = load(s, sym, hit);
  if (loaded) s.bars.set(sym, loaded);
  else s.bars.delete(sym);
  return loaded?.bars ?? null;
}

/** Company metadata from tickers.csv (symbol,name,sector,exchange,sub_industry). */
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
      if (symbol) meta.set(symbol, { symbol, name: get("name"), sector: get("sector"), exchange: get("exchange"), subIndustry: get("sub_industry") });
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
