// Model benchmark: walk-forward point and distribution scores over the last two years, fit and predict times,
// pooled over tickers, plus the reference (naive with today's EWMA intervals) computed in the same run.
//   npm run bench:models [-- --json] [--tickers AAPL,MSFT] [--models naive,arima] [--origins 504] [--refit-every 21] [--cold-fits] [--no-held-out] [--dev-cache FILE] [--outside DIR]
// --outside DIR scores tickers the engine never saw (bench-data/outside/, docs/forecasting.md "Ensemble and held-out
// tickers"): the series come from DIR, everything else stays shipped: the interval settings, ensemble weights and
// event term are the engine's constants (chosen on the shipped tickers' development window), and the market term
// is the shipped tickers' average for the same dates (an exogenous input, as when serving a symbol outside the set).
// Nothing is chosen on DIR's tickers, so the held-out-by-fold section is skipped.
// Held-out tickers (scripts/bench/held-out-report.ts): settings chosen per fold of tickers on the others'
// development windows, each fold scored with its own choice, beside the shipped settings; --no-held-out skips it;
// --dev-cache FILE reads the development-window backtests saved by scripts/bench/ensemble-dev-window.ts --save FILE.
// --cold-fits fits every walk-forward refit and final fit from scratch (no warm starts): the "before" of a warm-start comparison.
// With --json, stdout carries only the JSON document; progress, the table and extra timings go to stderr.
import { getEnv } from "../src/env";
import { harSdAtOrigins } from "./bench/har-sd";
import { heldOutReport, logHeldOut } from "./bench/held-out-report";
import { type BacktestResult, baselOf, BOOTSTRAP_DEFAULTS, binomialUpperTail, directionAccuracy, flatIntervalFigures, forecastWithLoaded, type HorizonBacktest, loadArtifact, marketVariance, pooledDieboldMariano, type PairedScore, ratioBand, scoredArrays, type ScoredIntervals, scoreIntervals, serializeArtifact, summarizeIntervals, tercileCoverageBands, trainTicker, volContext } from "../src/server/forecast";
import { defaultDataDir, listSymbols, readSeriesCsv, windowSeries } from "../src/server/forecast/data";
import { AVAILABLE_MODEL_NAMES, BASE_MODELS, getModelSpec, MODELS } from "../src/server/forecast/model-list";
import { HORIZON_KEYS, HORIZONS, type HorizonKey, type ModelName, type PriceSeries } from "../src/server/forecast/vocabulary";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const json = process.argv.includes("--json");
const log = (msg: string) => (json ? process.stderr : process.stdout).write(msg + "\n");
const int = (name: string) => {
  const v = arg(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};

/** Everything pooled for one model (or the reference) at one horizon, over tickers. */
interface Pool {
  absErr: number;
  naiveAbsErr: number;
  n: number;
  dir: { n: number; calls: number; correct: number; ups: number; b: number; c: number };
  scored: ScoredIntervals[];
  /** The date of every scored origin, per entry of `scored`. */
  scoredDates: string[][];
  /** The ticker of each entry of `scored`. */
  symbols: string[];
  dm: { date: string; d: number }[];
  basel: { green: number; yellow: number; red: number };
  fellBack: number;
  volModels: Record<string, number>;
}
const newPool = (): Pool => ({ absErr: 0, naiveAbsErr: 0, n: 0, dir: { n: 0, calls: 0, correct: 0, ups: 0, b: 0, c: 0 }, scored: [], scoredDates: [], symbols: [], dm: [], basel: { green: 0, yellow: 0, red: 0 }, fellBack: 0, volModels: {} });
const newPools = () => Object.fromEntries(HORIZON_KEYS.map((h) => [h, newPool()])) as Record<HorizonKey, Pool>;

function addBacktest(p: Pool, b: HorizonBacktest, series: PriceSeries, o: { reference?: boolean; gaussianSd?: Float64Array } = {}) {
  const { dates } = series;
  const s = scoredArrays(b);
  for (let i = 0; i < s.forecast.length; i++) {
    p.absErr += Math.abs(s.actualRet[i] - s.forecast[i]);
    p.naiveAbsErr += Math.abs(s.actualRet[i]);
    // Squared log-return loss differential against naive, by origin date, for the pooled DM test.
    p.dm.push({ date: dates[b.origin[b.evalStart + i]], d: (s.actualRet[i] - s.forecast[i]) ** 2 - s.actualRet[i] ** 2 });
  }
  p.n += s.forecast.length;
  const d = directionAccuracy(s.actualRet, s.forecast);
  p.dir.n += d.n;
  p.dir.calls += d.calls;
  p.dir.correct += d.correct;
  p.dir.ups += d.n ? Math.round((d.baseline ?? 0) * d.n) : 0;
  p.dir.b += d.b;
  p.dir.c += d.c;
  const scored = scoreIntervals(b, { reference: o.reference, gaussianSd: o.gaussianSd });
  p.scored.push(scored);
  p.scoredDates.push(scored.origin.map((t) => dates[t]));
  p.symbols.push(series.symbol);
  const zone = baselOf(scored);
  if (zone) p.basel[zone.zone]++;
  p.fellBack += b.fellBack.subarray(b.evalStart).reduce((a, v) => a + v, 0);
  const vm = o.gaussianSd ? "har-gaussian" : o.reference ? "ewma" : b.volModel;
  p.volModels[vm] = (p.volModels[vm] ?? 0) + 1;
}

const round = (x: number | null | undefined, d = 4) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d)));

/** Per tercile, the 95% interval of its pooled coverage at one level: a block bootstrap over dates (coverage-bootstrap.ts). */
function tercileBands(p: Pool, k: "80" | "95") {
  const rows = p.scored.flatMap((s, j) => s.miss[k].map((miss, i) => ({ date: p.scoredDates[j][i], tercile: s.tercile[i], miss })));
  return tercileCoverageBands(rows).bands.map((b) => [round(b.lower), round(b.upper)]);
}

function horizonReport(p: Pool, h: HorizonKey, isNaive: boolean) {
  const mae = p.n ? (100 * p.absErr) / p.n : null;
  const naiveMae = p.n ? (100 * p.naiveAbsErr) / p.n : null;
  const iv = summarizeIntervals(p.scored);
  const dm = isNaive ? null : pooledDieboldMariano({ rows: p.dm, h: { "1d": 1, "2d": 2, "1w": 5 }[h] });
  return {
    mae: round(mae),
    naiveMae: round(naiveMae),
    maeRatio: round(mae !== null && naiveMae ? mae / naiveMae : null),
    dmPooledStat: round(dm?.stat),
    dmPooledP: round(dm?.pValue),
    directionAccuracy: round(p.dir.n && !isNaive ? p.dir.correct / p.dir.n : null),
    directionBaseline: round(p.dir.n ? p.dir.ups / p.dir.n : null),
    directionPValue: round(isNaive || p.dir.b + p.dir.c === 0 ? null : binomialUpperTail(p.dir.b, p.dir.b + p.dir.c, 0.5)),
    callRate: round(p.dir.n ? p.dir.calls / p.dir.n : null),
    ...flatIntervalFigures(iv, (x) => round(x)),
    coverage95ByVolTercile: iv.coverage95ByVolTercile.map((x) => round(x)),
    coverage80ByVolTercile: iv.coverage80ByVolTercile.map((x) => round(x)),
    /** 95% block-bootstrap interval (10-day blocks of dates, 1000 draws, fixed seed) of each tercile's coverage. */
    coverage95ByVolTercileBand: tercileBands(p, "95"),
    coverage80ByVolTercileBand: tercileBands(p, "80"),
    ...(h === "1d" ? { baselZones: p.basel } : {}),
    fellBackShare: round(p.n ? p.fellBack / p.n : 0),
    note: p.n && p.fellBack / p.n > 0.5 ? "fell back to the mean return" : null,
    volModels: p.volModels,
  };
}

/** Two pools' per-origin scores paired by ticker and bar: `pick` reads the score (e.g. CRPS, 95% Winkler) of one ticker's origins. */
function paired(a: Pool, b: Pool, pick: (s: ScoredIntervals) => number[]): PairedScore[] {
  const rows: PairedScore[] = [];
  a.scored.forEach((sa, j) => {
    const sb = b.scored[b.symbols.indexOf(a.symbols[j])];
    if (!sb) return;
    const vb = pick(sb);
    const other = new Map(sb.origin.map((t, i) => [t, vb[i]]));
    const va = pick(sa);
    sa.origin.forEach((t, i) => other.has(t) && rows.push({ date: a.scoredDates[j][i], a: va[i], b: other.get(t)! }));
  });
  return rows;
}

/**
 * Pool a's score against pool b's on the same origins: the ratio of the pooled means with its block-bootstrap 95%
 * interval over dates, and the pooled Diebold-Mariano test of the per-origin differences (averaged per date).
 */
function compare(a: Pool, b: Pool, h: HorizonKey, pick: (s: ScoredIntervals) => number[] = (s) => s.crps) {
  const rows = paired(a, b, pick);
  const band = ratioBand(rows);
  const dm = pooledDieboldMariano({ rows: rows.map((r) => ({ date: r.date, d: r.a - r.b })), h: HORIZONS[h] });
  return { origins: rows.length, ratio: round(band.ratio), ratioBand: [round(band.lower), round(band.upper)], meanDiff: round(dm.meanDiff, 5), dmP: round(dm.pValue) };
}

async function main() {
  const env = getEnv();
  const shippedDir = env.MARKET_DATA_DIR ?? defaultDataDir();
  const outside = arg("outside");
  const dir = outside ?? shippedDir;
  const available = listSymbols({ dir });
  const shipped = outside ? listSymbols({ dir: shippedDir }) : available;
  const seen = outside ? available.filter((t) => shipped.includes(t)) : [];
  if (seen.length) throw new Error(`--outside ${outside} holds shipped tickers (${seen.join(", ")}): outside tickers must be ones the engine never saw`);
  const tickers = arg("tickers")?.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean) ?? available;
  for (const t of tickers) if (!available.includes(t)) throw new Error(`Unknown ticker "${t}" (no ${t}.csv in ${dir})`);
  const names = (arg("models")?.split(",").map((s) => s.trim()) ?? AVAILABLE_MODEL_NAMES) as ModelName[];
  for (const n of names) getModelSpec(n);
  const origins = int("origins");
  const refitEvery = int("refit-every");
  // The market term averages every ticker in the folder (not only the benchmarked ones), as training does; for
  // outside tickers, the shipped folder's tickers (the market series the engine was built with).
  const all = available.map((symbol) => readSeriesCsv({ dir, symbol }));
  const market = marketVariance(outside ? shipped.map((symbol) => readSeriesCsv({ dir: shippedDir, symbol })) : all);

  const pools = new Map<ModelName, Record<HorizonKey, Pool>>(names.map((n) => [n, newPools()]));
  const reference = newPools();
  // The proper benchmark (issue 21): the naive forecast with HAR-on-range-variance Gaussian intervals.
  const harGaussian = newPools();
  const fitMs = new Map<ModelName, number[]>(names.map((n) => [n, []]));
  const backtestMs = new Map<ModelName, number[]>(names.map((n) => [n, []]));
  const refitMs = new Map<ModelName, number[]>(names.map((n) => [n, []]));
  const refits = new Map<ModelName, number[]>(names.map((n) => [n, []]));
  const coldFits = process.argv.includes("--cold-fits");
  const predictMs = new Map<ModelName, number[]>(names.map((n) => [n, []]));
  const trainTotals: number[] = [];
  // Naive always; with the ensemble its members too (trained for it anyway), so the held-out report can recombine them.
  const trainNames = [...new Set<ModelName>(["naive", ...names, ...(names.includes("ensemble") ? BASE_MODELS.map((m) => m.name) : [])])];
  const withHeldOut = !process.argv.includes("--no-held-out") && !outside;
  const scoredBacktests = new Map<string, BacktestResult[]>();

  let firstSeries: PriceSeries | undefined;
  for (const symbol of tickers) {
    const series = all[available.indexOf(symbol)];
    firstSeries ??= series;
    const started = performance.now();
    const result = await trainTicker({ specs: MODELS, series, models: trainNames, origins, refitEvery, market, coldFits });
    trainTotals.push(result.totalFitMs);
    log(`${symbol}: ${result.models.length} models, final fits ${result.totalFitMs.toFixed(0)} ms, with backtests ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const ctx = volContext(series, market);
    scoredBacktests.set(symbol, result.models.map((m) => m.backtest));
    const har = harSdAtOrigins(series, market);
    for (const m of result.models) {
      const name = m.model.name;
      for (const h of HORIZON_KEYS) {
        const b = m.backtest.horizons[h];
        if (!b) continue;
        if (name === "naive") {
          addBacktest(reference[h], b, series, { reference: true });
          addBacktest(harGaussian[h], b, series, { gaussianSd: Float64Array.from(b.origin, (t) => har[h][t]) });
        }
        if (pools.has(name)) addBacktest(pools.get(name)![h], b, series);
      }
      if (!pools.has(name)) continue;
      fitMs.get(name)!.push(m.fitMs);
      backtestMs.get(name)!.push(m.backtestMs);
      refitMs.get(name)!.push(m.backtest.fitMs);
      refits.get(name)!.push(m.backtest.fits);
      // Predict time from a freshly parsed artifact: load once, then time repeated predictions.
      const loaded = await loadArtifact({ artifact: serializeArtifact(m.artifact), specs: MODELS });
      forecastWithLoaded({ loaded, series, ctx });
      const reps = 10;
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) forecastWithLoaded({ loaded, series, ctx });
      predictMs.get(name)!.push((performance.now() - t0) / reps);
    }
  }

  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const heldOut = withHeldOut ? await heldOutReport({ series: tickers.map((t) => all[available.indexOf(t)]), scored: scoredBacktests, names, devCache: arg("dev-cache"), log }) : null;
  const models = names.map((name) => ({
    name,
    fitMs: round(mean(fitMs.get(name)!), 1),
    /** Per ticker: the walk-forward backtest's wall time, its fits, and the mean time of one of them. */
    backtestMs: round(mean(backtestMs.get(name)!), 0),
    walkForwardFits: round(mean(refits.get(name)!), 1),
    walkForwardFitMs: round(mean(refitMs.get(name)!), 1),
    predictMs: round(mean(predictMs.get(name)!), 3),
    horizons: Object.fromEntries(HORIZON_KEYS.map((h) => [h, horizonReport(pools.get(name)![h], h, name === "naive")])) as Record<HorizonKey, ReturnType<typeof horizonReport>>,
  }));
  // Are the differences the targets compare beyond noise? Each model's CRPS against HAR-Gaussian's, the ensemble's
  // against the single model with the lowest pooled CRPS at the horizon, naive's 95% Winkler against the reference's.
  const noise = Object.fromEntries(
    HORIZON_KEYS.map((h) => {
      // Each single model's pooled CRPS, once (unrounded: the report's figures are rounded to 4 decimals).
      const singles = names.filter((n) => n !== "ensemble" && pools.get(n)![h].scored.length).map((n) => ({ n, crps: summarizeIntervals(pools.get(n)![h].scored).crps ?? Infinity }));
      const best = singles.reduce<(typeof singles)[number] | undefined>((a, m) => (a && a.crps <= m.crps ? a : m), undefined)?.n;
      return [
        h,
        {
          crpsVsHarGaussian: Object.fromEntries(names.map((n) => [n, compare(pools.get(n)![h], harGaussian[h], h)])),
          ensembleCrpsVsBestSingle: names.includes("ensemble") && best ? { best, ...compare(pools.get("ensemble")![h], pools.get(best)![h], h) } : null,
          naiveWinkler95VsReference: names.includes("naive") ? compare(pools.get("naive")![h], reference[h], h, (s) => s.winkler["95"]) : null,
        },
      ];
    }),
  );
  const report = {
    generatedAt: new Date().toISOString(),
    tickers,
    outside: outside ? { dir: outside, settings: "shipped (engine constants)", market: `average of the ${shipped.length} shipped tickers` } : null,
    origins: origins ?? 504,
    reference: {
      name: "naive with EWMA x sqrt(h) split-conformal intervals (the previous engine)",
      horizons: Object.fromEntries(HORIZON_KEYS.map((h) => [h, horizonReport(reference[h], h, true)])),
    },
    harGaussian: {
      name: "naive with HAR (range variance) Gaussian intervals: z x sd, no conformal calibration",
      horizons: Object.fromEntries(HORIZON_KEYS.map((h) => [h, horizonReport(harGaussian[h], h, true)])),
    },
    coldFits,
    heldOut,
    noise,
    models,
  };

  // ARIMA automatic order selection on 500 points, when the model is in this build.
  let arimaMs: number | null = null;
  const arima = MODELS.find((m) => m.name === "arima");
  if (arima && names.includes("arima")) {
    const full = firstSeries ?? readSeriesCsv({ dir, symbol: tickers[0] });
    const last500 = windowSeries(full, full.dates.length - 500);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await arima.fit(last500, { seed: 42 });
      times.push(performance.now() - t0);
    }
    arimaMs = times.sort((a, b) => a - b)[2];
  }

  if (json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  // The table also goes out in --json mode (to stderr) so one run gives both.
  log(`\nWalk-forward over the last ${report.origins} origins per ticker, pooled over ${tickers.length} tickers: ${tickers.join(",")}`);
  log("MAE, width, Winkler and CRPS in % of price; ratio = MAE / naive MAE; dir vs up = direction accuracy vs always-up; terciles = 95% coverage low/mid/high forecast variance.\n");
  const head = ["model", "h", "MAE%", "ratio", "DM p", "dir", "up", "p(dir)", "cov80", "cov95", "cov99", "width95", "W80", "W95", "W99", "CRPS", "terciles"];
  log(head.map((x, i) => (i === 16 ? x : x.padStart(i === 0 ? 10 : 8))).join(""));
  const rows = [{ name: "reference", horizons: report.reference.horizons }, { name: "HAR-gauss", horizons: report.harGaussian.horizons }, ...report.models];
  for (const m of rows) {
    for (const h of HORIZON_KEYS) {
      const r = m.horizons[h];
      const cells = [m.name.slice(0, 10), h, r.mae, r.maeRatio, r.dmPooledP, r.directionAccuracy, r.directionBaseline, r.directionPValue, r.coverage80, r.coverage95, r.coverage99, r.width95, r.winkler80, r.winkler95, r.winkler99, r.crps];
      const fmt = (c: unknown) => (c === null ? "-" : typeof c === "number" ? String(Number(c.toFixed(4))) : String(c));
      log(cells.map((c, i) => fmt(c).padStart(i === 0 ? 10 : 8)).join("") + "  " + r.coverage95ByVolTercile.map(fmt).join("/") + (r.note ? `  (${r.note})` : ""));
    }
  }
  const b = BOOTSTRAP_DEFAULTS;
  log(`\ncoverage by volatility tercile (low / mid / high) with each tercile's ${100 * b.level}% interval: block bootstrap over dates (${b.block}-day blocks, ${b.reps} draws, seed ${b.seed}); targets 0.95 and 0.80 +- 0.01`);
  for (const m of rows) {
    for (const h of HORIZON_KEYS) {
      const r = m.horizons[h];
      const cell = (c: (number | null)[], band: (number | null)[][]) => c.map((x, t) => `${x === null ? "-" : x.toFixed(4)} [${band[t].map((y) => (y === null ? "-" : y.toFixed(3))).join(",")}]`).join("  ");
      log(`${m.name.slice(0, 10).padStart(10)} ${h.padStart(3)}  95%: ${cell(r.coverage95ByVolTercile, r.coverage95ByVolTercileBand)}   80%: ${cell(r.coverage80ByVolTercile, r.coverage80ByVolTercileBand)}`);
    }
  }
  const naive = report.models.find((m) => m.name === "naive");
  if (naive) {
    log("\nnaive with the new intervals vs the reference, winkler95 ratio (targets <= 0.97 / 0.95 / 0.93):");
    log(HORIZON_KEYS.map((h) => `${h} ${round((naive.horizons[h].winkler95 ?? NaN) / (report.reference.horizons[h].winkler95 ?? NaN))}`).join("  "));
  }
  log("\nagainst the HAR-Gaussian benchmark, CRPS ratio and 95% Winkler ratio per horizon (CRPS target <= 0.98):");
  for (const m of report.models) {
    const ratio = (a: number | null, b: number | null) => round(a !== null && b ? a / b : null);
    log(`${m.name.padEnd(14)} ${HORIZON_KEYS.map((h) => `${h} CRPS ${ratio(m.horizons[h].crps, report.harGaussian.horizons[h].crps)} W95 ${ratio(m.horizons[h].winkler95, report.harGaussian.horizons[h].winkler95)}`).join("  ")}`);
  }
  log("\nnoise of the compared scores: ratio of pooled means [block-bootstrap 95% interval over dates], pooled Diebold-Mariano p of the differences:");
  const show = (r: ReturnType<typeof compare>) => `${r.ratio} [${r.ratioBand.join(", ")}] p ${r.dmP}`;
  for (const h of HORIZON_KEYS) {
    const t = report.noise[h];
    log(`${h} CRPS / HAR-Gaussian: ${Object.entries(t.crpsVsHarGaussian).map(([n, r]) => `${n} ${show(r)}`).join("; ")}`);
    if (t.ensembleCrpsVsBestSingle) log(`${h} ensemble CRPS / ${t.ensembleCrpsVsBestSingle.best}'s: ${show(t.ensembleCrpsVsBestSingle)}`);
    if (t.naiveWinkler95VsReference) log(`${h} naive 95% Winkler / reference: ${show(t.naiveWinkler95VsReference)}`);
  }
  if (heldOut) logHeldOut(heldOut, log);
  for (const m of report.models) log(`${m.name}: 1d Basel zones ${JSON.stringify(m.horizons["1d"].baselZones)}, volatility models ${JSON.stringify(m.horizons["1d"].volModels)}`);
  log(`final fit of all requested models per ticker: mean ${mean(trainTotals)?.toFixed(0)} ms, max ${Math.max(...trainTotals).toFixed(0)} ms`);
  if (arimaMs !== null) log(`ARIMA automatic order selection on 500 points (${tickers[0]}, median of 5): ${arimaMs.toFixed(1)} ms`);
  for (const m of report.models) {
    log(`fit ${m.name}: ${m.fitMs} ms, predict from artifact: ${m.predictMs} ms; walk-forward ${m.backtestMs} ms per ticker (${m.walkForwardFits} fits of ${m.walkForwardFitMs} ms)`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench:models failed: ${(e as Error).message}\n`);
  process.exit(1);
});
