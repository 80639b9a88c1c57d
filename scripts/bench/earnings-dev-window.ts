// Earnings awareness (issue 21 item 4) on the development window: the engine's naive 1d/2d/1w intervals with
// and without the event-day variance term (src/server/forecast/volatility/event-term.ts), release days
// inferred from the bars (volatility/earnings.ts). Prints the pooled 95% Winkler score relative to the
// reference (EWMA x sqrt(h), 250 scores), 95% coverage by volatility tercile, 99% coverage and the
// Christoffersen p of the 95% misses (every h-th origin), as vol-dev-window.ts does.
// The release-day multiplier m is estimated from the release days before the first evaluated origin of each
// ticker (pooled), unless given: the scored-window run passes the development window's values.
//   mkdir /tmp/dev-data && for f in data/*.csv; do awk -F, 'NR==1 || $1 <= "2022-03-04"' $f > /tmp/dev-data/$(basename $f); done
//   npx tsx scripts/bench/earnings-dev-window.ts /tmp/dev-data [--tickers AAPL,MSFT] [--m-grid 2,4,8]
//   npx tsx scripts/bench/earnings-dev-window.ts data --m <base>,<clean>     # the scored window, once
import { christoffersen, cleanedRangeVariance, eventDayZ2, expectedEventDays, firstScoredOrigins, inferEarningsDays, INTERVAL_DEFAULTS, intervalPath, marketVariance, nonOverlapping, planVolatility, prefixSums, REFERENCE_WINDOW, terciles, volPath, winklerScore, withEventTerm } from "../../src/server/forecast";
import { listSymbols, readSeriesCsv } from "../../src/server/forecast/data";
import { HORIZON_KEYS, HORIZONS, type HorizonKey } from "../../src/server/forecast/vocabulary";

const dir = process.argv[2];
if (!dir) throw new Error("usage: earnings-dev-window.ts <folder of CSVs> [--tickers A,B] [--m base,clean]");
const argOf = (k: string) => {
  const i = process.argv.indexOf(`--${k}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const WARMUP = 126;
const symbols = argOf("tickers")?.split(",") ?? listSymbols({ dir });
const all = listSymbols({ dir }).map((symbol) => readSeriesCsv({ dir, symbol }));
const market = marketVariance(all);
const steps = HORIZON_KEYS.map((h) => HORIZONS[h]);

interface Prepared {
  symbol: string;
  close: Float64Array;
  firstScored: Partial<Record<HorizonKey, number>>;
  events: number[];
  base: Record<HorizonKey, Float64Array>;
  shipped: Record<HorizonKey, Float64Array>;
  clean: Record<HorizonKey, Float64Array>;
  ref: Record<HorizonKey, Float64Array>;
  expected: Record<HorizonKey, Float64Array>;
  /** The same with a narrower / wider spread around the projected date. */
  expected2: Record<HorizonKey, Float64Array>;
  expected10: Record<HorizonKey, Float64Array>;
  /** Diagnostic only, NOT causal: 1 where an inferred release day lies in t+1..t+h (dates known ahead, as filed dates would be). */
  oracle: Record<HorizonKey, Float64Array>;
}

const prepared: Prepared[] = [];
for (const symbol of symbols) {
  const series = all.find((s) => s.symbol === symbol)!;
  const n = series.close.length;
  const firstScored = firstScoredOrigins(n, { origins: 504, warmup: WARMUP, minTrain: 252, horizons: HORIZON_KEYS });
  const plan = planVolatility({ series, market, firstScored });
  const events = inferEarningsDays(series);
  const rv = cleanedRangeVariance(plan.ctx.rv, events);
  const cleanPaths = volPath({ ctx: { ...plan.ctx, rv, cum: prefixSums(rv) }, model: "har", from: plan.from, to: n - 1, steps, refitEvery: 21 });
  const rec = <T>(f: (h: HorizonKey, k: number) => T) => Object.fromEntries(HORIZON_KEYS.map((h, k) => [h, f(h, k)])) as Record<HorizonKey, T>;
  prepared.push({
    symbol,
    close: series.close,
    firstScored,
    events,
    // The plan's sd carries the shipped event term (EVENT_TERM.multiplier); the variants start from the sd without it.
    base: rec((h) => {
      const x = plan.horizons[h]!;
      const f = withEventTerm({ sd: new Float64Array(n).fill(1), expected: expectedEventDays({ events, n, steps: HORIZONS[h] }), multiplier: x.eventMultiplier, steps: HORIZONS[h] });
      return x.sd.map((v, t) => v / f[t]);
    }),
    shipped: rec((h) => plan.horizons[h]!.sd),
    clean: rec((_h, k) => cleanPaths[k].map(Math.sqrt)),
    ref: rec((h) => plan.horizons[h]!.refSd),
    expected: rec((h) => expectedEventDays({ events, n, steps: HORIZONS[h] })),
    expected2: rec((h) => expectedEventDays({ events, n, steps: HORIZONS[h], spread: 2 })),
    expected10: rec((h) => expectedEventDays({ events, n, steps: HORIZONS[h], spread: 10 })),
    oracle: rec((h) => {
      const out = new Float64Array(n);
      for (const j of events) for (let k = 1; k <= HORIZONS[h]; k++) if (j - k >= 0) out[j - k] = 1;
      return out;
    }),
  });
  process.stderr.write(`${symbol}: ${plan.horizons["1d"]!.chosen}, ${events.length} release days inferred\n`);
}

// m: mean squared standardized release-day return, from release days before each ticker's first evaluated origin.
const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / Math.max(1, x.length);
const z2 = (which: "base" | "clean") => prepared.flatMap((p) => eventDayZ2({ close: p.close, events: p.events, sd1: p[which]["1d"], to: p.firstScored["1d"]! - WARMUP }));
const given = argOf("m")?.split(",").map(Number);
const mBase = given?.[0] ?? mean(z2("base"));
const mClean = given?.[1] ?? mean(z2("clean"));
console.log(`release-day multiplier m: base ${mBase.toFixed(3)}, clean ${mClean.toFixed(3)}${given ? " (given)" : ` (from ${z2("base").length} release days before the evaluated origins)`}`);

type Variant = { name: string; sd: (p: Prepared, h: HorizonKey) => ArrayLike<number>; window: number };
const variants: Variant[] = [
  { name: "reference (EWMA, plain)", sd: (p, h) => p.ref[h], window: REFERENCE_WINDOW },
  { name: "no event term", sd: (p, h) => p.base[h], window: INTERVAL_DEFAULTS.window },
  { name: "ENGINE (plan, as shipped)", sd: (p, h) => p.shipped[h], window: INTERVAL_DEFAULTS.window },
  { name: "plan + pre-release term", sd: (p, h) => withEventTerm({ sd: p.base[h], expected: p.expected[h], multiplier: mBase, steps: HORIZONS[h] }), window: INTERVAL_DEFAULTS.window },
  { name: "HAR on cleaned variance", sd: (p, h) => p.clean[h], window: INTERVAL_DEFAULTS.window },
  { name: "cleaned HAR + pre-release term", sd: (p, h) => withEventTerm({ sd: p.clean[h], expected: p.expected[h], multiplier: mClean, steps: HORIZONS[h] }), window: INTERVAL_DEFAULTS.window },
  { name: "cleaned HAR + pre-release, spread 2", sd: (p, h) => withEventTerm({ sd: p.clean[h], expected: p.expected2[h], multiplier: mClean, steps: HORIZONS[h] }), window: INTERVAL_DEFAULTS.window },
  { name: "cleaned HAR + pre-release, spread 10", sd: (p, h) => withEventTerm({ sd: p.clean[h], expected: p.expected10[h], multiplier: mClean, steps: HORIZONS[h] }), window: INTERVAL_DEFAULTS.window },
  // The multiplier as a setting (--m-grid 2,4,8): the pre-release term on the shipped scale.
  ...(argOf("m-grid")?.split(",").map(Number) ?? []).map((m): Variant => ({ name: `plan + pre-release term, m ${m}`, sd: (p, h) => withEventTerm({ sd: p.base[h], expected: p.expected[h], multiplier: m, steps: HORIZONS[h] }), window: INTERVAL_DEFAULTS.window })),
  // Upper bound with the release dates known in advance (live filings announce them): look-ahead, never a candidate.
  { name: "ORACLE dates: plan + term", sd: (p, h) => withEventTerm({ sd: p.base[h], expected: p.oracle[h], multiplier: mBase, steps: HORIZONS[h] }), window: INTERVAL_DEFAULTS.window },
  { name: "ORACLE dates: cleaned HAR + term", sd: (p, h) => withEventTerm({ sd: p.clean[h], expected: p.oracle[h], multiplier: mClean, steps: HORIZONS[h] }), window: INTERVAL_DEFAULTS.window },
];

console.log(`${dir}, ${prepared.length} tickers, naive forecast`);
console.log("horizon  variant                              W95/ref   cov95   cov95 low/mid/high   cov99   Christoffersen95 p   release-origin cov95");
for (const h of HORIZON_KEYS) {
  const h0 = HORIZONS[h];
  let refW = Number.NaN;
  for (const v of variants) {
    let w = 0;
    let cnt = 0;
    let hit99 = 0;
    const t = [0, 0, 0];
    const hit = [0, 0, 0];
    const miss: number[] = [];
    let evN = 0;
    let evHit = 0;
    for (const p of prepared) {
      const n = p.close.length;
      const origin: number[] = [];
      for (let o = p.firstScored[h]! - WARMUP; o + h0 <= n - 1; o++) origin.push(o);
      const actual = origin.map((o) => Math.log(p.close[o + h0] / p.close[o]));
      const sd = v.sd(p, h);
      const scale = origin.map((o) => sd[o]);
      const path = intervalPath({ origin, steps: h0, forecast: origin.map(() => 0), actual, scale }, { gamma: 0, window: v.window });
      const scored = origin.map((_o, i) => i).filter((i) => i >= WARMUP);
      const ter = terciles(scored.map((i) => scale[i]));
      const m: number[] = [];
      const evSet = new Set(p.events);
      scored.forEach((i, q) => {
        const half = path.half["95"][i];
        const y = Math.exp(actual[i]);
        w += 100 * winklerScore({ lower: Math.exp(-half), upper: Math.exp(half), y, alpha: 0.05 });
        cnt++;
        t[ter[q]]++;
        const ok = Math.abs(actual[i]) <= half;
        if (ok) hit[ter[q]]++;
        m.push(ok ? 0 : 1);
        if (Math.abs(actual[i]) <= path.half["99"][i]) hit99++;
        // Origins whose horizon holds an inferred release day.
        let has = false;
        for (let k = 1; k <= h0; k++) if (evSet.has(origin[i] + k)) has = true;
        if (has) {
          evN++;
          if (ok) evHit++;
        }
      });
      miss.push(...nonOverlapping(m, h0));
    }
    if (Number.isNaN(refW)) refW = w / cnt;
    const cov = hit.reduce((a, b) => a + b, 0) / cnt;
    console.log(`${h.padEnd(8)} ${v.name.padEnd(36)} ${(w / cnt / refW).toFixed(4).padStart(8)}  ${cov.toFixed(4)}  ${t.map((c, i) => (hit[i] / c).toFixed(3)).join("/")}  ${(hit99 / cnt).toFixed(4)}  ${christoffersen(miss).pValue.toFixed(4)}  ${(evHit / evN).toFixed(3)} (${evN})`);
  }
}
