// Diagnosis of clustered 1-day misses (Christoffersen's independence test): the engine's 95% intervals around
// the naive forecast over the last 504 origins of every CSV in a folder, with the engine's own choices (this
// script tunes nothing). Prints the miss transition counts, how much of the clustering sits on market-wide
// shock days (many tickers missing the same day), the test without those days, and how far the volatility
// forecast moved the day after a miss.
//   npx tsx scripts/bench/vol-breaches.ts [data-folder] [--scale engine|ewma|garch|har]
import { christoffersen, firstScoredOrigins, INTERVAL_DEFAULTS, intervalPath, marketVariance, planVolatility, volPath } from "../../src/server/forecast";
import { defaultDataDir, listSymbols, readSeriesCsv } from "../../src/server/forecast/data";

const dir = process.argv[2] && !process.argv[2].startsWith("--") ? process.argv[2] : defaultDataDir();
const si = process.argv.indexOf("--scale");
const scaleName = si > 0 ? process.argv[si + 1] : "engine";
const all = listSymbols({ dir }).map((symbol) => readSeriesCsv({ dir, symbol }));
const market = marketVariance(all);
const WARMUP = 126;

type Row = { symbol: string; date: string; miss: number; z: number; sdNext: number; sd: number; gapShare: number };
const rows: Row[][] = [];
for (const series of all) {
  const n = series.close.length;
  const firstScored = firstScoredOrigins(n, { origins: 504, warmup: WARMUP, minTrain: 252, horizons: ["1d"] });
  const plan = planVolatility({ series, market, firstScored });
  const origin: number[] = [];
  for (let t = firstScored["1d"]! - WARMUP; t + 1 <= n - 1; t++) origin.push(t);
  const sdAll =
    scaleName === "engine" ? plan.horizons["1d"]!.sd
    : scaleName === "ewma" ? plan.horizons["1d"]!.refSd
    : volPath({ ctx: plan.ctx, model: scaleName as "garch" | "har", from: plan.from, to: n - 1, steps: [1], refitEvery: 21 })[0].map(Math.sqrt);
  const actual = origin.map((t) => Math.log(series.close[t + 1] / series.close[t]));
  const scale = origin.map((t) => sdAll[t]);
  const gamma = scaleName === "ewma" ? 0 : INTERVAL_DEFAULTS.gamma;
  const half = intervalPath({ origin, steps: 1, forecast: origin.map(() => 0), actual, scale }, { gamma }).half["95"];
  const out: Row[] = [];
  for (let i = WARMUP; i < origin.length; i++) {
    const t = origin[i];
    // Share of the day's move made overnight (open vs the previous close): near 1 on earnings gaps.
    const gap = Math.log(series.open[t + 1] / series.close[t]);
    const gapShare = Math.abs(actual[i]) > 0 ? Math.min(1, Math.abs(gap) / Math.abs(actual[i])) : 0;
    out.push({ symbol: series.symbol, date: series.dates[t + 1], miss: Math.abs(actual[i]) > half[i] ? 1 : 0, z: actual[i] / scale[i], sd: scale[i], sdNext: sdAll[t + 1], gapShare });
  }
  rows.push(out);
}

const flat = rows.flat();
const missesByDate = new Map<string, number>();
for (const r of flat) if (r.miss) missesByDate.set(r.date, (missesByDate.get(r.date) ?? 0) + 1);
const count = (list: Row[][]) => {
  const c = [0, 0, 0, 0];
  for (const s of list) for (let i = 1; i < s.length; i++) c[s[i - 1].miss * 2 + s[i].miss]++;
  return c;
};
const [n00, n01, n10, n11] = count(rows);
console.log(`${dir}: ${all.length} tickers, ${flat.length} scored 1-day origins, scale ${scaleName}; misses ${flat.reduce((a, r) => a + r.miss, 0)} (${((100 * flat.reduce((a, r) => a + r.miss, 0)) / flat.length).toFixed(2)}%)`);
console.log(`transitions hit->hit ${n00}, hit->miss ${n01}, miss->hit ${n10}, miss->miss ${n11}; P(miss | hit before) ${(n01 / (n00 + n01)).toFixed(4)}, P(miss | miss before) ${(n11 / (n10 + n11)).toFixed(4)}`);
console.log(`Christoffersen p (tickers concatenated, as the bench): ${christoffersen(rows.flatMap((s) => s.map((r) => r.miss))).pValue.toFixed(4)}`);
for (const k of [3, 5, 8]) {
  const shock = new Set(Array.from(missesByDate).filter(([, m]) => m >= k).map(([d]) => d));
  const kept = rows.map((s) => s.filter((r) => !shock.has(r.date)));
  const inShock = flat.filter((r) => r.miss && shock.has(r.date)).length;
  console.log(`days with >= ${k} tickers missing: ${shock.size} days, ${inShock} misses; without them Christoffersen p ${christoffersen(kept.flatMap((s) => s.map((r) => r.miss))).pValue.toFixed(4)}`);
}
// Consecutive misses: the dates and how much the vol forecast rose the next day (sdNext / sd).
const pairs: { symbol: string; date: string; z: number; rise: number }[] = [];
for (const s of rows) for (let i = 1; i < s.length; i++) if (s[i - 1].miss && s[i].miss) pairs.push({ symbol: s[i].symbol, date: s[i].date, z: s[i].z, rise: s[i - 1].sdNext / s[i - 1].sd });
const byDate = new Map<string, string[]>();
for (const p of pairs) byDate.set(p.date, [...(byDate.get(p.date) ?? []), p.symbol]);
console.log(`miss followed by miss, by date of the second: ${Array.from(byDate).sort(([a], [b]) => a.localeCompare(b)).map(([d, s]) => `${d} (${s.length})`).join(", ")}`);
const after = flat.filter((_r, i, arr) => i > 0 && arr[i - 1].miss && arr[i - 1].symbol === arr[i].symbol);
const rise = rows.flatMap((s) => s.filter((r) => r.miss).map((r) => r.sdNext / r.sd));
console.log(`after a miss: vol forecast rises x${(rise.reduce((a, v) => a + v, 0) / rise.length).toFixed(3)} on average; next-day |z| mean ${(after.reduce((a, r) => a + Math.abs(r.z), 0) / after.length).toFixed(3)} vs ${(flat.reduce((a, r) => a + Math.abs(r.z), 0) / flat.length).toFixed(3)} overall`);
const missRows = flat.filter((r) => r.miss);
const gapMisses = missRows.filter((r) => r.gapShare >= 0.7);
const meanOf = (x: number[]) => (x.length ? x.reduce((a, v) => a + v, 0) / x.length : Number.NaN);
console.log(`misses made mostly overnight (gap >= 70% of the move): ${gapMisses.length} of ${missRows.length}; vol forecast rise after them x${meanOf(gapMisses.map((r) => r.sdNext / r.sd)).toFixed(3)}, after the others x${meanOf(missRows.filter((r) => r.gapShare < 0.7).map((r) => r.sdNext / r.sd)).toFixed(3)}`);
const nextAfter = (pred: (r: Row) => boolean) => rows.flatMap((s) => s.slice(1).filter((_r, i) => s[i].miss && pred(s[i])));
for (const [label, pred] of [["overnight", (r: Row) => r.gapShare >= 0.7], ["intraday", (r: Row) => r.gapShare < 0.7]] as const) {
  const next = nextAfter(pred);
  console.log(`day after a ${label} miss: ${next.length} days, next-day miss rate ${meanOf(next.map((r) => r.miss)).toFixed(4)}, mean |z| ${meanOf(next.map((r) => Math.abs(r.z))).toFixed(3)}`);
}
