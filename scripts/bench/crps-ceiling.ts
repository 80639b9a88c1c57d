// `npm run bench:crps-ceiling [-- --json] [--tickers AAPL,MSFT]`: how far under the HAR-Gaussian benchmark's CRPS
// a forecast can go when its median is the naive forecast (issue 21's target: <= 0.98 of it). A diagnosis, not a
// model: it chooses nothing the engine uses. Over the scored window (the last 504 origins of each ticker, as
// bench:models), per horizon, pooled:
// - the quantile CRPS the engine is scored by (7 levels) split into its median term, which every forecast with
//   naive's median shares to the bit, and the six outer terms, which intervals can change;
// - oracles fitted on the scored window itself (in sample: no forecast made before the outcomes could have them):
//   HAR's sd with the window's own quantiles of the standardised outcome (pooled, then per volatility tercile), and
//   HAR-Gaussian with the best scale per tercile after the fact; beside them the engine's naive intervals;
// - theory: Gaussian outcomes, a forecast sd off by a log-normal factor of log-sd s, against the exact sd.
import { getEnv } from "../../src/env";
import { crpsFromQuantiles, marketVariance, NORMAL_Z, percentile, pinball, QUANTILE_LEVELS, quantilesOf, scoreIntervals, terciles, trainTicker } from "../../src/server/forecast";
import { defaultDataDir, listSymbols, readSeriesCsv } from "../../src/server/forecast/data";
import { MODELS } from "../../src/server/forecast/model-list";
import { HORIZON_KEYS, type HorizonKey } from "../../src/server/forecast/vocabulary";
import { harSdAtOrigins } from "./har-sd";

const json = process.argv.includes("--json");
const log = (msg: string) => (json ? process.stderr : process.stdout).write(msg + "\n");
const tickersArg = process.argv.includes("--tickers") ? process.argv[process.argv.indexOf("--tickers") + 1] : undefined;

const L = QUANTILE_LEVELS;
const MID = L.indexOf(0.5);
/** The median's share of the level weights (the stretch between the midpoints to its neighbours): 0.4. */
const W_MEDIAN = (L[MID + 1] - L[MID - 1]) / 2;
/** HAR-Gaussian's quantiles in units of its sd: the engine's quantiles around 0 with the normal half-widths. */
const GAUSS = quantilesOf(0, NORMAL_Z);

/** One scored origin: naive's forecast f, the outcome a (log returns), HAR's sd, its tercile, the engine's CRPS. */
interface Row { f: number; a: number; sd: number; tercile: number; engine: number }

/** CRPS (% of price) of quantiles exp(f + m_k sd), as bench:models scores every model. */
const crpsOf = (r: Row, m: readonly number[]) => 100 * crpsFromQuantiles({ levels: L, quantiles: m.map((mk) => Math.exp(r.f + mk * r.sd)), y: Math.exp(r.a) });
const medianTerm = (r: Row) => 100 * 2 * W_MEDIAN * pinball({ q: Math.exp(r.f), y: Math.exp(r.a), tau: 0.5 });
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

/** The rows' own quantiles of the standardised outcome at the outer levels; the median stays naive's. */
function ownShape(rows: Row[]): number[] {
  const z = Float64Array.from(rows, (r) => (r.a - r.f) / r.sd).sort();
  return L.map((tau, k) => (k === MID ? 0 : percentile(z, tau)));
}
/** The scale c of HAR-Gaussian (quantiles c z_tau sd) with the lowest mean CRPS over the rows: golden section on [0.5, 2]. */
function bestScale(rows: Row[]): number {
  const score = (c: number) => mean(rows.map((r) => crpsOf(r, GAUSS.map((g) => c * g))));
  let lo = 0.5;
  let hi = 2;
  const g = (Math.sqrt(5) - 1) / 2;
  while (hi - lo > 1e-4) {
    const x1 = hi - g * (hi - lo);
    const x2 = lo + g * (hi - lo);
    if (score(x1) < score(x2)) hi = x2;
    else lo = x1;
  }
  return (lo + hi) / 2;
}

const pdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** Mean quantile CRPS of the forecast quantiles k z_tau for outcomes y ~ N(0, 1), on a fixed grid of y. */
export function gaussianQuantileCrps(k: number): number {
  let sum = 0;
  for (let y = -9; y <= 9; y += 0.004) sum += pdf(y) * 0.004 * crpsFromQuantiles({ levels: L, quantiles: GAUSS.map((g) => k * g), y });
  return sum;
}

/**
 * Gaussian outcomes, forecast sd off by k = exp(s x), x ~ N(0, 1): the mean quantile CRPS with the exact sd (k = 1)
 * over that with the erring one (x on a fixed grid: no randomness).
 */
export function sdErrorRatio(s: number): number {
  let err = 0;
  for (let x = -5; x <= 5; x += 0.05) err += pdf(x) * 0.05 * gaussianQuantileCrps(Math.exp(s * x));
  return gaussianQuantileCrps(1) / err;
}

async function main() {
  const dir = getEnv().MARKET_DATA_DIR ?? defaultDataDir();
  const symbols = listSymbols({ dir });
  const tickers = tickersArg?.split(",").map((t) => t.trim().toUpperCase()) ?? symbols;
  for (const t of tickers) if (!symbols.includes(t)) throw new Error(`Unknown ticker "${t}" (no ${t}.csv in ${dir})`);
  const all = symbols.map((symbol) => readSeriesCsv({ dir, symbol }));
  const market = marketVariance(all);
  const rows = Object.fromEntries(HORIZON_KEYS.map((h) => [h, [] as Row[]])) as Record<HorizonKey, Row[]>;
  for (const symbol of tickers) {
    const series = all[symbols.indexOf(symbol)];
    const started = performance.now();
    const { models } = await trainTicker({ specs: MODELS, series, models: ["naive"], market });
    const har = harSdAtOrigins(series, market);
    for (const h of HORIZON_KEYS) {
      const b = models[0].backtest.horizons[h];
      if (!b) continue;
      const scored = scoreIntervals(b);
      const engine = new Map(scored.origin.map((t, i) => [t, scored.crps[i]]));
      const mine: Row[] = [];
      for (let i = b.evalStart; i < b.forecast.length; i++) {
        const t = b.origin[i];
        const sd = har[h][t];
        if (sd > 0 && engine.has(t)) mine.push({ f: b.forecast[i], a: b.actual[i], sd, tercile: 0, engine: engine.get(t)! });
      }
      terciles(mine.map((r) => r.sd)).forEach((v, i) => (mine[i].tercile = v));
      rows[h].push(...mine);
    }
    log(`${symbol}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const horizons = Object.fromEntries(
    HORIZON_KEYS.map((h) => {
      const r = rows[h];
      const har = mean(r.map((x) => crpsOf(x, GAUSS)));
      const median = mean(r.map(medianTerm));
      const byTercile = [0, 1, 2].map((t) => r.filter((x) => x.tercile === t));
      const shape = ownShape(r);
      const shapes = byTercile.map(ownShape);
      const scales = byTercile.map(bestScale);
      const ratio = (v: number) => Number((v / har).toFixed(4));
      return [
        h,
        {
          n: r.length,
          harGaussianCrps: Number(har.toFixed(4)),
          medianShare: Number((median / har).toFixed(4)),
          // The outer terms would have to fall by this fraction for the total to reach 0.98 of HAR-Gaussian.
          outerCutNeededFor098: Number(((0.02 * har) / (har - median)).toFixed(4)),
          ratios: {
            engineNaive: ratio(mean(r.map((x) => x.engine))),
            oracleOwnShape: ratio(mean(r.map((x) => crpsOf(x, shape)))),
            oracleOwnShapePerTercile: ratio(mean(r.map((x) => crpsOf(x, shapes[x.tercile])))),
            oracleScalePerTercile: ratio(mean(r.map((x) => crpsOf(x, GAUSS.map((g) => scales[x.tercile] * g))))),
            medianTermAlone: ratio(median),
          },
          oracleScales: scales.map((c) => Number(c.toFixed(3))),
          oracleShape: shape.map((m) => Number(m.toFixed(3))),
        },
      ];
    }),
  );
  const theory = [0.1, 0.2, 0.3, 0.4, 0.5].map((s) => ({ logSdError: s, exactOverErring: Number(sdErrorRatio(s).toFixed(4)) }));
  const report = { generatedAt: new Date().toISOString(), tickers, levels: L, horizons, theory };
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  else {
    log("\nCRPS relative to HAR-Gaussian (naive's median; the oracles are fitted on the scored window itself):");
    for (const h of HORIZON_KEYS) {
      const x = horizons[h];
      log(`${h}: n ${x.n}, HAR-Gaussian ${x.harGaussianCrps}, median term ${(100 * x.medianShare).toFixed(1)}% of it; 0.98 needs the outer terms ${(100 * x.outerCutNeededFor098).toFixed(1)}% lower`);
      log(`    ${Object.entries(x.ratios).map(([k, v]) => `${k} ${v}`).join(", ")}; per-tercile scales ${x.oracleScales.join(" / ")}`);
    }
    log(`Gaussian outcomes, exact sd over an sd with log error s: ${theory.map((t) => `s ${t.logSdError}: ${t.exactOverErring}`).join(", ")}`);
  }
}

if (process.argv[1]?.endsWith("crps-ceiling.ts")) main().catch((e) => {
  console.error(e);
  process.exit(1);
});
