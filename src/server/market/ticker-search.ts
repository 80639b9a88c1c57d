import "server-only";
// Local ticker search over tickers.csv and the shipped files: exact and prefix matches on the symbol and the
// company name first (predictable), then fuse.js fuzzy matches so that a typo ("mircosoft", "appel", "nvida")
// or an industry word ("bank") still finds the company.
import Fuse from "fuse.js";
import { onServicesReset } from "@/lib/services";
import { shippedSymbols, shippedTickers } from "./providers/shipped";
import type { TickerMatch } from "./schemas";


interface Entry extends TickerMatch {
  industry: string;
}

// Fuse scores run from 0 (exact) to 1. Above ABSOLUTE the matches are noise ("chips" -> JPM at 0.68); a
// match more than RELATIVE behind the best one is noise beside it ("aapl" -> META at 0.55 after AAPL at 0).
const ABSOLUTE = 0.6;
const RELATIVE = 0.25;

let index: { entries: Entry[]; fuse: Fuse<Entry> } | null = null;

function getIndex() {
  if (index) return index;
  const meta = shippedTickers();
  const all = new Map<string, Entry>();
  for (const s of shippedSymbols()) all.set(s, { symbol: s, name: meta.get(s)?.name ?? s, exchange: meta.get(s)?.exchange ?? "", industry: "" });
  for (const m of meta.values()) all.set(m.symbol, { symbol: m.symbol, name: m.name, exchange: m.exchange, industry: m.subIndustry });
  const entries = [...all.values()];
  const fuse = new Fuse(entries, {
    keys: [
      { name: "symbol", weight: 3 },
      { name: "name", weight: 3 },
      { name: "industry", weight: 1 },
    ],
    includeScore: true,
    // A typo can sit anywhere in the name; short names must not outscore long ones for the same typo.
    ignoreLocation: true,
    ignoreFieldNorm: true,
    threshold: 0.4,
    minMatchCharLength: 2,
  });
  index = { entries, fuse };
  return index;
}

const compact = (s: string) => s.replace(/[^A-Z0-9]/g, "");
const words = (s: string) => s.split(/[\s,.()&-]+/).filter(Boolean);

/** 0 exact symbol, 1 symbol prefix, 2 name prefix (spaces ignored: "jp morgan"), 3 a name word, 4 inside the name, 5 an industry word; -1 none. */
function tier(e: Entry, query: string): number {
  const name = e.name.toUpperCase();
  if (e.symbol === query) return 0;
  if (e.symbol.startsWith(query)) return 1;
  if (name.startsWith(query) || (compact(query).length >= 3 && compact(name).startsWith(compact(query)))) return 2;
  if (words(name).some((w) => w.startsWith(query))) return 3;
  if (name.includes(query)) return 4;
  if (query.length >= 3 && words(e.industry.toUpperCase()).some((w) => w.startsWith(query))) return 5;
  return -1;
}

/** Symbols whose ticker, company name or industry matches `q`, best first; typo-tolerant. */
export function searchTickers({ q, limit = 10 }: { q: string; limit?: number }): TickerMatch[] {
  const query = q.trim().toUpperCase();
  if (!query) return [];
  const { entries, fuse } = getIndex();
  const tiered = entries
    .map((e) => ({ e, t: tier(e, query) }))
    .filter((x) => x.t >= 0)
    .sort((a, b) => a.t - b.t || a.e.symbol.localeCompare(b.e.symbol))
    .map((x) => x.e);
  const fuzzy = query.length >= 3 ? fuse.search(q.trim()) : [];
  const best = fuzzy[0]?.score ?? 1;
  const close = fuzzy.filter((r) => (r.score ?? 1) <= Math.min(ABSOLUTE, best + RELATIVE)).map((r) => r.item);
  const out: TickerMatch[] = [];
  for (const e of [...tiered, ...close]) {
    if (out.length >= limit) break;
    if (!out.some((m) => m.symbol === e.symbol)) out.push({ symbol: e.symbol, name: e.name, exchange: e.exchange });
  }
  return out;
}

// Rebuilt with the shipped store (tests point MARKET_DATA_DIR elsewhere).
onServicesReset(() => {
  index = null;
});
