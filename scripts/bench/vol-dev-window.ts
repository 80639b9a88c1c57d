// Design check of the interval engine on the development window: the shipped data cut before the scored
// window (every CSV cut at 2022-03-04, so this run's own scored origins are 2020-03 .. 2022-03), naive
// forecast. Prints, per variant, the pooled 95% Winkler score relative to the reference (EWMA x sqrt(h),
// plain split conformal), 95% coverage by volatility tercile, 99% coverage and the Christoffersen p-value of
// the 95% misses (every h-th origin), for the engine's choice and the alternatives it is chosen from: the
// volatility scale (single models and combinations of their variances), the ACI step and the conformal
// calibration window. The reported window (2022-03 .. 2024-03) is never read.
//   mkdir /tmp/dev-data && for f in data/*.csv; do awk -F, 'NR==1 || $1 <= "2022-03-04"' $f > /tmp/dev-data/$(basename $f); done
//   npx tsx scripts/bench/vol-dev-window.ts /tmp/dev-data [--quick | --proxies | --final | --regime | --relative | --split | --shock]
// --shock: the shock-slope regime mode (the reaction to the last known standardized move) beside the engine and
// plain split conformal, with its state from the day's move (the engine's) or from the path's own last known score.
// --relative: the two relative-level regime modes (regime.ts) beside the engine, its window of 500 scores.
// --split: the log-HAR with its own overnight-gap term ("harj", each form by least squares and Huber) with the
// event-day term, as the plan with "harj" preferred scales the intervals (every ticker keeps the log-HAR on
// this window at the 10% margin), against the plain log-HAR plan; the bare HAR / HARJ scales; and the
// HAR-Gaussian benchmark (z x HAR sd, no conformal).
// Every mode also prints the pooled CRPS (% of price, the seven quantiles of the interval levels).
import { relativeLevel, lastShockState, alignMarket, christoffersen, crpsFromQuantiles, expectedEventDays, type HarSplitForm, inferEarningsDays, withEventTerm, NORMAL_Z, QUANTILE_LEVELS, firstScoredOrigins, INTERVAL_DEFAULTS, intervalPath, marketVariance, nonOverlapping, planVolatility, prefixSums, rangeVariance, REFERENCE_WINDOW, type RegimeMode, terciles, VARIANCE_FLOOR, type VolContext, type VolModelName, volPath, weeklyMean, winklerScore } from "../../src/server/forecast";
import { listSymbols, readSeriesCsv } from "../../src/server/forecast/data";
import { HORIZON_KEYS, HORIZONS, type HorizonKey } from "../../src/server/forecast/vocabulary";

const dir = process.argv[2];
if (!dir) throw new Error("usage: vol-dev-window.ts <folder of CSVs cut before the scored window> [--quick]");
const quick = process.argv.includes("--quick");
const proxies = process.argv.includes("--proxies");
const final = process.argv.includes("--final");
/** Regime calibration (issue 21): the engine's scale with each regime mode, nothing else. */
const regimes = process.argv.includes("--regime");
/** Regime calibration on the relative volatility level (sd against its own trailing year's median). */
const relativeModes = process.argv.includes("--relative");
/** The shock-slope mode (shock-reaction.ts): a correction of the reaction to the last known standardized move. */
const shockModes = process.argv.includes("--shock");
/** The log-HAR with a separate overnight-gap term (issue 21, the 1-day Christoffersen failure). */
const split = process.argv.includes("--split");
/** --split: the forms of the overnight-gap term (har.ts), each by least squares and by a Huber fit. */
const SPLITS: Record<string, { form: HarSplitForm; robust: boolean }> = Object.fromEntries(
  (["log-ratio", "share", "share-daily"] as const).flatMap((form) => [false, true].map((robust) => [`${form}${robust ? " Huber" : ""}`, { form, robust }])),
);

const all = listSymbols({ dir }).map((symbol) => readSeriesCsv({ dir, symbol }));
const market = marketVariance(all);
const WARMUP = 126;
const BASE = ["ewma", "garch", "gjr", "har", "harj"] as const satisfies readonly VolModelName[];

/** Variances per origin of every base model at one horizon, plus the plan's own sd and the reference sd. */
type Scales = {
  plan: Float64Array;
  /** --split: each form of the split log-HAR's variance path, and the event-term factor on the sd. */
  j: Record<string, Float64Array>;
  event: Float64Array;
  ref: Float64Array;
  v: Record<(typeof BASE)[number], Float64Array>;
  proxy: Record<string, Float64Array>;
  /** The plan's selection scores (mean 95% Winkler on the 504 origins before the scored ones). */
  selection: Partial<Record<VolModelName, number>>;
};
type ScaleFn = (s: Scales) => ArrayLike<number>;
const sqrtOf = (x: Float64Array) => x.map(Math.sqrt);
/** Weighted arithmetic mean of variances (a combined variance forecast), as an sd. */
const mix = (w: Partial<Record<(typeof BASE)[number], number>>): ScaleFn => (s) => {
  const keys = Object.keys(w) as (typeof BASE)[number][];
  return s.ref.map((_x, t) => Math.sqrt(keys.reduce((a, k) => a + w[k]! * s.v[k][t], 0)));
};
/** Geometric mean of variances, as an sd. */
const geo = (keys: (typeof BASE)[number][]): ScaleFn => (s) => s.ref.map((_x, t) => Math.sqrt(Math.exp(keys.reduce((a, k) => a + Math.log(s.v[k][t]), 0) / keys.length)));

/** `gaussian`: half-widths z x sd with no conformal calibration (the HAR-Gaussian benchmark). */
type Variant = { name: string; scale: ScaleFn; gamma: number; window?: number; regime?: RegimeMode; gaussian?: boolean; shockState?: "own" | "day" };
const G = 0.005; // Gibbs & Candès' ACI step per one-day outcome (gamma / h per origin), engine v2 round 1
const scalesToTry: [string, ScaleFn][] = [
  ["plan", (s) => s.plan],
  ["EWMA", (s) => sqrtOf(s.v.ewma)],
  ["GARCH", (s) => sqrtOf(s.v.garch)],
  ["GJR", (s) => sqrtOf(s.v.gjr)],
  ["HAR", (s) => sqrtOf(s.v.har)],
  ["HAR+GARCH 1:1", mix({ har: 0.5, garch: 0.5 })],
  ["HAR+GARCH 3:1", mix({ har: 0.75, garch: 0.25 })],
  ["HAR+GJR 1:1", mix({ har: 0.5, gjr: 0.5 })],
  ["HAR+GJR 3:1", mix({ har: 0.75, gjr: 0.25 })],
  ["HAR+GARCH+GJR", mix({ har: 1 / 3, garch: 1 / 3, gjr: 1 / 3 })],
  ["geo HAR,GARCH", geo(["har", "garch"])],
];
// A variant without a window uses the reference's 250 scores (the engine's window in round 1).
const variants: Variant[] = [
  { name: "reference (EWMA, plain)", scale: (s) => s.ref, gamma: 0, window: REFERENCE_WINDOW },
  { name: "ENGINE (plan, its defaults)", scale: (s) => s.plan, gamma: INTERVAL_DEFAULTS.gamma, window: INTERVAL_DEFAULTS.window, regime: INTERVAL_DEFAULTS.regime },
];
/**
 * Other daily variance proxies for the log-HAR (the overnight gap enters differently): the squared
 * close-to-close return; Garman–Klass without the gap; GK plus half the squared gap; GK plus the squared gap
 * capped at 4x the bar's GK month mean before it (an earnings gap then does not carry a month of inflated lags).
 */
const PROXIES: Record<string, (series: Parameters<typeof rangeVariance>[0]) => Float64Array> = {
  "cc": (x) => Float64Array.from(x.close, (c, i) => Math.max(i ? Math.log(c / x.close[i - 1]) ** 2 : VARIANCE_FLOOR, VARIANCE_FLOOR)),
  "gk only": (x) => rangeVariance(x).map((v, i) => Math.max(v - (i ? Math.log(x.open[i] / x.close[i - 1]) ** 2 : 0), VARIANCE_FLOOR)),
  "gk+gap/2": (x) => rangeVariance(x).map((v, i) => Math.max(v - (i ? 0.5 * Math.log(x.open[i] / x.close[i - 1]) ** 2 : 0), VARIANCE_FLOOR)),
  "gk+capped gap": (x) => {
    const full = rangeVariance(x);
    const gap = Float64Array.from(x.close, (_c, i) => (i ? Math.log(x.open[i] / x.close[i - 1]) ** 2 : 0));
    const gk = full.map((v, i) => Math.max(v - gap[i], VARIANCE_FLOOR));
    const cum = prefixSums(gk);
    return gk.map((v, i) => (i < 23 ? full[i] : v + Math.min(gap[i], (4 * (cum[i] - cum[i - 22])) / 22)));
  },
};
if (proxies) {
  for (const name of Object.keys(PROXIES)) {
    variants.push({ name: `HAR[${name}], ACI g/h`, scale: (s) => sqrtOf(s.proxy[name]), gamma: G });
    variants.push({ name: `HAR[${name}], gamma 0, window all`, scale: (s) => sqrtOf(s.proxy[name]), gamma: 0, window: 10_000 });
  }
}
for (const [name, scale] of scalesToTry) variants.push({ name: `${name}, ACI g/h`, scale, gamma: G });
/** The plan's rule with another margin: HAR unless a challenger's selection score is lower by more than `margin`. */
const withMargin = (margin: number): ScaleFn => (s) => {
  const har = s.selection.har ?? Infinity;
  let best: (typeof BASE)[number] = "har";
  for (const m of BASE) if ((s.selection[m] ?? Infinity) < (s.selection[best] ?? Infinity)) best = m;
  return sqrtOf(s.v[(s.selection[best] ?? Infinity) < har * (1 - margin) ? best : "har"]);
};
if (final) {
  variants.length = 2;
  for (const margin of [0.02, 0.05, 0.1]) variants.push({ name: `plan margin ${margin}, gamma 0, window all`, scale: withMargin(margin), gamma: 0, window: 10_000 });
  for (const gamma of [0, 0.001, 0.0025]) for (const window of [250, 500, 10_000]) variants.push({ name: `HAR, gamma ${gamma}, window ${window === 10_000 ? "all" : window}`, scale: (s) => sqrtOf(s.v.har), gamma, window });
}
if (shockModes) {
  variants.length = 2;
  variants.push({ name: "plan, regime none (before)", scale: (s) => s.plan, gamma: 0, window: 500, regime: "none" });
  variants.push({ name: "shock-slope, state: last h-day score", scale: (s) => s.plan, gamma: 0, window: 500, regime: "shock-slope", shockState: "own" });
  variants.push({ name: "shock-slope, state: the day's move", scale: (s) => s.plan, gamma: 0, window: 500, regime: "shock-slope", shockState: "day" });
} else if (relativeModes) {
  variants.length = 2;
  for (const regime of ["relative-mondrian", "relative-slope"] as const) variants.push({ name: `plan, regime ${regime}, window 500`, scale: (s) => s.plan, gamma: 0, window: 500, regime });
} else if (regimes) {
  variants.length = 2;
  for (const regime of ["none", "elasticity", "mondrian"] as const) {
    for (const window of [500, 1000]) variants.push({ name: `plan, regime ${regime}, window ${window}`, scale: (s) => s.plan, gamma: 0, window, regime });
  }
  variants.push({ name: "EWMA, regime elasticity, window 500", scale: (s) => s.ref, gamma: 0, window: 500, regime: "elasticity" });
} else if (split) {
  variants.length = 2;
  const engine = { gamma: INTERVAL_DEFAULTS.gamma, window: INTERVAL_DEFAULTS.window, regime: INTERVAL_DEFAULTS.regime };
  for (const name of Object.keys(SPLITS)) variants.push({ name: `HARJ ${name} + event term`, scale: (s) => s.j[name].map((v, t) => Math.sqrt(v) * s.event[t]), ...engine });
  variants.push({ name: "HAR alone (no event term)", scale: (s) => sqrtOf(s.v.har), ...engine });
  variants.push({ name: "HARJ alone (no event term)", scale: (s) => sqrtOf(s.v.harj), ...engine });
  variants.push({ name: "HAR-gauss benchmark", scale: (s) => sqrtOf(s.v.har), gamma: 0, gaussian: true });
  variants.push({ name: "HARJ-gauss", scale: (s) => sqrtOf(s.v.harj), gamma: 0, gaussian: true });
} else {
  variants.push({ name: "HAR, gamma 0, window all", scale: (s) => sqrtOf(s.v.har), gamma: 0, window: 10_000 });
  variants.push({ name: "HAR, gamma 0.0025, window all", scale: (s) => sqrtOf(s.v.har), gamma: 0.0025, window: 10_000 });
}
if (!quick && !final && !regimes && !relativeModes && !split && !shockModes) {
  for (const [name, scale] of scalesToTry.filter(([n]) => ["HAR", "HAR+GARCH 1:1", "HAR+GJR 1:1"].includes(n))) {
    for (const gamma of [0, 0.0025, 0.01]) variants.push({ name: `${name}, gamma ${gamma}`, scale, gamma });
    for (const window of [500, 10_000]) variants.push({ name: `${name}, ACI g/h, window ${window === 10_000 ? "all" : window}`, scale, gamma: G, window });
  }
}

/** --shock: the state of the shock-slope mode, from the day's move or from the path's own last known score. */
function shockStateFor(kind: "own" | "day", origin: number[], steps: number, actual: number[], scale: number[], day: Float64Array) {
  if (kind === "day") return { x: origin.map((t) => day[t]), serving: Number.NaN };
  return lastShockState({ origin, steps, absErr: actual.map(Math.abs), scale });
}

interface Acc {
  w: number;
  crps: number;
  n: number;
  t: number[];
  hit: number[];
  hit99: number;
  hit80: number[];
  miss: number[];
}
const acc = Object.fromEntries(HORIZON_KEYS.map((h) => [h, variants.map((): Acc => ({ w: 0, crps: 0, n: 0, t: [0, 0, 0], hit: [0, 0, 0], hit99: 0, hit80: [0, 0, 0], miss: [] }))])) as Record<HorizonKey, Acc[]>;

const marketCache = new Map<string, Map<string, number>>();
/** The market average of a proxy, by date (as marketVariance does for the engine's proxy). */
function proxyMarket(name: string): Map<string, number> {
  const hit = marketCache.get(name);
  if (hit) return hit;
  const sum = new Map<string, { s: number; n: number }>();
  for (const x of all) {
    const rv = PROXIES[name](x);
    x.dates.forEach((d, i) => {
      const e = sum.get(d) ?? { s: 0, n: 0 };
      e.s += rv[i];
      e.n++;
      sum.set(d, e);
    });
  }
  const out = new Map(Array.from(sum, ([d, e]) => [d, e.s / e.n]));
  marketCache.set(name, out);
  return out;
}

for (const series of all) {
  const n = series.close.length;
  const firstScored = firstScoredOrigins(n, { origins: 504, warmup: WARMUP, minTrain: 252, horizons: HORIZON_KEYS });
  const plan = planVolatility({ series, market, firstScored });
  const steps = HORIZON_KEYS.map((h) => HORIZONS[h]);
  const paths = Object.fromEntries(BASE.filter((m) => split || m !== "harj").map((m) => [m, volPath({ ctx: plan.ctx, model: m, from: plan.from, to: n - 1, steps, refitEvery: 21 })]));
  const proxy: Record<string, Float64Array[]> = {};
  if (proxies) {
    // Each proxy's own HAR (and market term: the same proxy averaged over every ticker).
    for (const [name, f] of Object.entries(PROXIES)) {
      const rv = f(series);
      const mk = proxyMarket(name);
      const m = alignMarket(series, mk);
      const ctx: VolContext = { ...plan.ctx, rv, cum: prefixSums(rv), marketWeek: m ? weeklyMean(m) : undefined };
      proxy[name] = volPath({ ctx, model: "har", from: plan.from, to: n - 1, steps, refitEvery: 21 });
    }
  }
  const j: Record<string, Float64Array[]> = {};
  if (split) for (const [name, o] of Object.entries(SPLITS)) j[name] = volPath({ ctx: { ...plan.ctx, split: { ...plan.ctx.split, ...o } }, model: "harj", from: plan.from, to: n - 1, steps, refitEvery: 21 });
  const releases = split ? inferEarningsDays(series) : [];
  HORIZON_KEYS.forEach((h, k) => {
    const h0 = HORIZONS[h];
    const eventM = plan.horizons[h]!.eventMultiplier;
    const event = split ? withEventTerm({ sd: new Float64Array(n).fill(1), expected: expectedEventDays({ events: releases, n, steps: h0 }), multiplier: eventM, steps: h0 }) : new Float64Array(0);
    const origin: number[] = [];
    for (let t = firstScored[h]! - WARMUP; t + h0 <= n - 1; t++) origin.push(t);
    const actual = origin.map((t) => Math.log(series.close[t + h0] / series.close[t]));
    const forecast = origin.map(() => 0);
    // --shock: ln(1 + z^2) of the day's move ending at bar t, z against the plan's 1-day sd at bar t - 1 (known at
    // t; what the plan carries), or of the last origin whose h-day outcome is known (the path's own scores).
    const dayShock = plan.horizons[h]!.shock!;
    const scales: Scales = { plan: plan.horizons[h]!.sd, ref: plan.horizons[h]!.refSd, v: Object.fromEntries(Object.keys(paths).map((m) => [m, paths[m][k]])) as Scales["v"], proxy: Object.fromEntries(Object.entries(proxy).map(([p, x]) => [p, x[k]])), j: Object.fromEntries(Object.entries(j).map(([p, x]) => [p, x[k]])), event, selection: plan.horizons[h]!.selection };
    variants.forEach((v, j) => {
      const sd = v.scale(scales);
      const scale = origin.map((t) => sd[t]);
      // The relative level from the bar-level sd path (a year of bars before the first origin, not only origins).
      const rel = v.regime?.startsWith("relative") ? relativeLevel(sd) : undefined;
      const relative = rel ? origin.map((t) => rel[t]) : undefined;
      const path = v.gaussian
        ? { half: { "80": scale.map((x) => NORMAL_Z["80"] * x), "95": scale.map((x) => NORMAL_Z["95"] * x), "99": scale.map((x) => NORMAL_Z["99"] * x) } }
        : intervalPath({ origin, steps: h0, forecast, actual, scale }, { gamma: v.gamma, window: v.window ?? REFERENCE_WINDOW, regime: v.regime ?? "none", relative, ...(v.regime === "shock-slope" ? { shock: shockStateFor(v.shockState ?? "day", origin, h0, actual, scale, dayShock) } : {}) });
      const scored = origin.map((_t, i) => i).filter((i) => i >= WARMUP);
      const ter = terciles(scored.map((i) => scale[i]));
      const a = acc[h][j];
      const miss: number[] = [];
      scored.forEach((i, q) => {
        const y = Math.exp(actual[i]);
        const lower = Math.exp(-path.half["95"][i]);
        const upper = Math.exp(path.half["95"][i]);
        a.w += 100 * winklerScore({ lower, upper, y, alpha: 0.05 });
        const hf = path.half;
        const qs = [-hf["99"][i], -hf["95"][i], -hf["80"][i], 0, hf["80"][i], hf["95"][i], hf["99"][i]].map(Math.exp);
        a.crps += 100 * crpsFromQuantiles({ levels: QUANTILE_LEVELS, quantiles: qs, y });
        a.n++;
        a.t[ter[q]]++;
        const hit = y >= lower && y <= upper;
        if (hit) a.hit[ter[q]]++;
        miss.push(hit ? 0 : 1);
        if (Math.abs(actual[i]) <= path.half["99"][i]) a.hit99++;
        if (Math.abs(actual[i]) <= path.half["80"][i]) a.hit80[ter[q]]++;
      });
      a.miss.push(...nonOverlapping(miss, h0));
    });
  });
  process.stderr.write(`${series.symbol}: ${HORIZON_KEYS.map((h) => `${h} ${plan.horizons[h]!.chosen}`).join(", ")}\n`);
}

console.log(`development window, ${all.length} tickers, last scored origin ${all[0].dates[all[0].dates.length - 2]}; naive forecast`);
console.log("horizon  variant                                   W95/ref  cov95 low/mid/high   cov99   Christoffersen95 p  cov80 low/mid/high  CRPS %  CRPS/ref  P(miss|miss)/P(miss|hit)");
for (const h of HORIZON_KEYS) {
  const ref = acc[h][0].w / acc[h][0].n;
  const refCrps = acc[h][0].crps / acc[h][0].n;
  variants.forEach((v, k) => {
    const a = acc[h][k];
    const p = christoffersen(a.miss).pValue;
    // Miss after a miss / after a hit (every h-th origin; the pairs cross tickers once each, negligible).
    const pairs = [0, 0, 0, 0];
    for (let t = 1; t < a.miss.length; t++) pairs[2 * a.miss[t - 1] + a.miss[t]]++;
    const trans = `${(pairs[3] / (pairs[2] + pairs[3])).toFixed(4)}/${(pairs[1] / (pairs[0] + pairs[1])).toFixed(4)}`;
    console.log(`${h.padEnd(8)} ${v.name.padEnd(40)} ${(a.w / a.n / ref).toFixed(5).padStart(8)}  ${a.t.map((c, i) => (a.hit[i] / c).toFixed(3)).join("/")}  ${(a.hit99 / a.n).toFixed(4)}  ${p.toFixed(4)}  ${a.t.map((c, i) => (a.hit80[i] / c).toFixed(3)).join("/")}  ${(a.crps / a.n).toFixed(4)}  ${(a.crps / a.n / refCrps).toFixed(4)}  ${trans}`);
  });
}
