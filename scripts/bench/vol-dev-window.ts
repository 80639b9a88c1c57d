// Design check of the interval engine on the development window: the shipped data cut before the scored
// window (every CSV cut at 2022-03-04, so this run's own scored origins are 2020-03 .. 2022-03), naive
// forecast, 95% intervals. Prints the pooled 95% Winkler score relative to the reference (EWMA x sqrt(h),
// plain split conformal) and the 95% coverage by volatility tercile, for the engine's choice and for the
// alternatives it was chosen over. The reported window (2022-03 .. 2024-03) is never read.
//   mkdir /tmp/dev-data && for f in data/*.csv; do awk -F, 'NR==1 || $1 <= "2022-03-04"' $f > /tmp/dev-data/$(basename $f); done
//   npx tsx scripts/bench/vol-dev-window.ts /tmp/dev-data
import { firstScoredOrigins } from "../../src/server/forecast/backtest";
import { listSymbols, readSeriesCsv } from "../../src/server/forecast/data";
import { intervalPath } from "../../src/server/forecast/intervals";
import { terciles, winklerScore } from "../../src/server/forecast/scores";
import { HORIZON_KEYS, HORIZONS, type HorizonKey } from "../../src/server/forecast/types";
import { VOL_MODEL_NAMES, volPath, type VolModelName } from "../../src/server/forecast/volatility/models";
import { planVolatility } from "../../src/server/forecast/volatility/plan";
import { marketVariance } from "../../src/server/forecast/volatility/range";

const dir = process.argv[2];
if (!dir) throw new Error("usage: vol-dev-window.ts <folder of CSVs cut before the scored window>");
const all = listSymbols({ dir }).map((symbol) => readSeriesCsv({ dir, symbol }));
const market = marketVariance(all);
const WARMUP = 126;

/** A way of scaling the intervals: which sd per origin, and the ACI step per one-day outcome. */
type Variant = { name: string; sd: (o: { plan: ReturnType<typeof planVolatility>; h: HorizonKey; paths: Record<VolModelName, Float64Array> }) => Float64Array; gamma: (steps: number) => number };
const variants: Variant[] = [
  { name: "reference (EWMA, plain)", sd: ({ plan, h }) => plan.horizons[h]!.refSd, gamma: () => 0 },
  { name: "engine (plan, ACI g/h)", sd: ({ plan, h }) => plan.horizons[h]!.sd, gamma: () => 0.005 },
  {
    name: "argmin per symbol, ACI g",
    sd: ({ plan, h, paths }) => {
      const sel = plan.horizons[h]!.selection;
      const best = VOL_MODEL_NAMES.reduce((a, m) => ((sel[m] ?? Infinity) < (sel[a] ?? Infinity) ? m : a), "har" as VolModelName);
      return paths[best];
    },
    gamma: (steps) => 0.005 * steps,
  },
  { name: "HAR, plain", sd: ({ paths }) => paths.har, gamma: () => 0 },
  { name: "HAR, ACI g", sd: ({ paths }) => paths.har, gamma: (steps) => 0.005 * steps },
  { name: "HAR, ACI g/h", sd: ({ paths }) => paths.har, gamma: () => 0.005 },
  { name: "GJR, plain", sd: ({ paths }) => paths.gjr, gamma: () => 0 },
  { name: "GARCH, plain", sd: ({ paths }) => paths.garch, gamma: () => 0 },
];
const acc = Object.fromEntries(HORIZON_KEYS.map((h) => [h, variants.map(() => ({ w: 0, n: 0, t: [0, 0, 0], hit: [0, 0, 0] }))]));

for (const series of all) {
  const n = series.close.length;
  const firstScored = firstScoredOrigins(n, { origins: 504, warmup: WARMUP, minTrain: 252, horizons: HORIZON_KEYS });
  const plan = planVolatility({ series, market, firstScored });
  for (const h of HORIZON_KEYS) {
    const steps = HORIZONS[h];
    const origin: number[] = [];
    for (let t = firstScored[h]! - WARMUP; t + steps <= n - 1; t++) origin.push(t);
    const actual = origin.map((t) => Math.log(series.close[t + steps] / series.close[t]));
    const forecast = origin.map(() => 0);
    const paths = Object.fromEntries(VOL_MODEL_NAMES.map((m) => [m, volPath({ ctx: plan.ctx, model: m, from: plan.from, to: n - 1, steps: [steps], refitEvery: 21 })[0].map(Math.sqrt)])) as Record<VolModelName, Float64Array>;
    variants.forEach((v, k) => {
      const sd = v.sd({ plan, h, paths });
      const scale = origin.map((t) => sd[t]);
      const half = intervalPath({ origin, steps, forecast, actual, scale }, { gamma: v.gamma(steps) }).half["95"];
      const scored = origin.map((_t, i) => i).filter((i) => i >= WARMUP);
      const ter = terciles(scored.map((i) => scale[i]));
      const a = acc[h][k];
      scored.forEach((i, j) => {
        const y = Math.exp(actual[i]);
        const lower = Math.exp(-half[i]);
        const upper = Math.exp(half[i]);
        a.w += 100 * winklerScore({ lower, upper, y, alpha: 0.05 });
        a.n++;
        a.t[ter[j]]++;
        if (y >= lower && y <= upper) a.hit[ter[j]]++;
      });
    });
  }
  process.stderr.write(`${series.symbol}: ${HORIZON_KEYS.map((h) => `${h} ${plan.horizons[h]!.chosen}`).join(", ")}\n`);
}

console.log(`development window, ${all.length} tickers, last scored origin ${all[0].dates[all[0].dates.length - 2]}; naive forecast, 95% intervals`);
console.log("horizon  variant                      winkler95/ref  coverage95 low/mid/high");
for (const h of HORIZON_KEYS) {
  const ref = acc[h][0].w / acc[h][0].n;
  variants.forEach((v, k) => {
    const a = acc[h][k];
    console.log(`${h.padEnd(8)} ${v.name.padEnd(28)} ${(a.w / a.n / ref).toFixed(4).padStart(13)}  ${a.t.map((c, i) => (a.hit[i] / c).toFixed(3)).join("/")}`);
  });
}
