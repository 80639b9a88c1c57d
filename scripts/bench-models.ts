// Model benchmark: walk-forward accuracy over the last two years, fit and predict times, pooled over tickers.
//   npm run bench:models [-- --json] [--tickers AAPL,MSFT] [--models naive,arima] [--origins 504] [--refit-every 21]
// With --json, stdout carries only the JSON document; progress, the table and extra timings go to stderr.
import { getEnv } from "../src/env";
import { loadArtifact, serializeArtifact } from "../src/server/forecast/artifacts";
import { defaultDataDir, listSymbols, readSeriesCsv, windowSeries } from "../src/server/forecast/data";
import { rollingCoverage } from "../src/server/forecast/intervals";
import { directionAccuracy, scoredArrays } from "../src/server/forecast/metrics";
import { binomialUpperTail } from "../src/server/forecast/stats";
import { AVAILABLE_MODEL_NAMES, getModelSpec, MODELS } from "../src/server/forecast/model-list";
import { forecastWithLoaded } from "../src/server/forecast/serve";
import { trainTicker } from "../src/server/forecast/train";
import { HORIZON_KEYS, type HorizonKey, type ModelName, type PriceSeries } from "../src/server/forecast/types";

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

interface Pool {
  absErr: number;
  naiveAbsErr: number;
  n: number;
  dirN: number;
  dirCorrect: number;
  cov: Record<"80" | "95" | "99", { n: number; hits: number }>;
}
const newPool = (): Pool => ({ absErr: 0, naiveAbsErr: 0, n: 0, dirN: 0, dirCorrect: 0, cov: { "80": { n: 0, hits: 0 }, "95": { n: 0, hits: 0 }, "99": { n: 0, hits: 0 } } });

async function main() {
  const env = getEnv();
  const dir = env.MARKET_DATA_DIR ?? defaultDataDir();
  const available = listSymbols({ dir });
  const tickers = arg("tickers")?.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean) ?? available;
  for (const t of tickers) if (!available.includes(t)) throw new Error(`Unknown ticker "${t}" (no ${t}.csv in ${dir})`);
  const names = (arg("models")?.split(",").map((s) => s.trim()) ?? AVAILABLE_MODEL_NAMES) as ModelName[];
  for (const n of names) getModelSpec(n);
  const origins = int("origins");
  const refitEvery = int("refit-every");

  const pools = new Map<ModelName, Record<HorizonKey, Pool>>();
  const fitMs = new Map<ModelName, number[]>();
  const predictMs = new Map<ModelName, number[]>();
  const trainTotals: number[] = [];
  for (const name of names) {
    pools.set(name, { "1d": newPool(), "2d": newPool(), "1w": newPool() });
    fitMs.set(name, []);
    predictMs.set(name, []);
  }

  let firstSeries: PriceSeries | undefined;
  for (const symbol of tickers) {
    const series = readSeriesCsv({ dir, symbol });
    firstSeries ??= series;
    const started = performance.now();
    const result = await trainTicker({ series, models: names, origins, refitEvery });
    trainTotals.push(result.totalFitMs);
    log(`${symbol}: ${result.models.length} models, final fits ${result.totalFitMs.toFixed(0)} ms, with backtests ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const m of result.models) {
      const name = m.model.name;
      fitMs.get(name)!.push(m.fitMs);
      // Predict time from a freshly parsed artifact: load once, then time repeated predictions.
      const loaded = await loadArtifact({ artifact: serializeArtifact(m.artifact), specs: MODELS });
      forecastWithLoaded({ loaded, series });
      const reps = 10;
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) forecastWithLoaded({ loaded, series });
      predictMs.get(name)!.push((performance.now() - t0) / reps);
      for (const h of HORIZON_KEYS) {
        const b = m.backtest.horizons[h];
        if (!b) continue;
        const p = pools.get(name)![h];
        const s = scoredArrays(b);
        for (let i = 0; i < s.forecast.length; i++) {
          p.absErr += Math.abs(s.actualRet[i] - s.forecast[i]);
          p.naiveAbsErr += Math.abs(s.actualRet[i]);
        }
        p.n += s.forecast.length;
        const d = directionAccuracy(s.actualRet, s.forecast);
        p.dirN += d.n;
        p.dirCorrect += d.correct;
        const cov = rollingCoverage(b);
        for (const k of ["80", "95", "99"] as const) {
          p.cov[k].n += cov[k].n;
          p.cov[k].hits += cov[k].hits;
        }
      }
    }
  }

  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const round = (x: number | null, d = 4) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(d)));
  const report = {
    tickers,
    models: names.map((name) => {
      const horizons = {} as Record<HorizonKey, Record<string, number | null>>;
      for (const h of HORIZON_KEYS) {
        const p = pools.get(name)![h];
        const mae = p.n ? (100 * p.absErr) / p.n : null;
        const naiveMae = p.n ? (100 * p.naiveAbsErr) / p.n : null;
        horizons[h] = {
          mae: round(mae),
          naiveMae: round(naiveMae),
          maeRatio: round(mae !== null && naiveMae ? mae / naiveMae : null),
          directionAccuracy: round(p.dirN ? p.dirCorrect / p.dirN : null),
          coverage80: round(p.cov["80"].n ? p.cov["80"].hits / p.cov["80"].n : null),
          coverage95: round(p.cov["95"].n ? p.cov["95"].hits / p.cov["95"].n : null),
          coverage99: round(p.cov["99"].n ? p.cov["99"].hits / p.cov["99"].n : null),
        };
      }
      return { name, fitMs: round(mean(fitMs.get(name)!), 1), predictMs: round(mean(predictMs.get(name)!), 3), horizons };
    }),
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
  log(`\nWalk-forward over the last ${origins ?? 504} origins per ticker, pooled over ${tickers.length} tickers: ${tickers.join(",")}`);
  log("MAE = mean |ln(actual/forecast)| in % of price (pools across price levels); ratio = MAE / naive MAE.\n");
  const head = ["model", "h", "MAE%", "naive%", "ratio", "dir", "p(dir)", "cov80", "cov95", "cov99", "fit ms", "predict ms"];
  log(head.map((x) => x.padStart(11)).join(""));
  for (const m of report.models) {
    for (const h of HORIZON_KEYS) {
      const r = m.horizons[h];
      const p = pools.get(m.name)![h];
      const pDir = p.dirN ? binomialUpperTail(p.dirCorrect, p.dirN, 0.5) : null;
      const cells = [m.name, h, r.mae, r.naiveMae, r.maeRatio, r.directionAccuracy, pDir, r.coverage80, r.coverage95, r.coverage99, m.fitMs, m.predictMs];
      log(cells.map((c) => (c === null ? "-" : typeof c === "number" ? String(Number(c.toFixed(4))) : c).padStart(11)).join(""));
    }
  }
  log(`final fit of all requested models per ticker: mean ${mean(trainTotals)?.toFixed(0)} ms, max ${Math.max(...trainTotals).toFixed(0)} ms`);
  if (arimaMs !== null) log(`ARIMA automatic order selection on 500 points (${tickers[0]}, median of 5): ${arimaMs.toFixed(1)} ms`);
  for (const m of report.models) log(`predict from artifact ${m.name}: ${m.predictMs} ms`);
}

main().catch((e) => {
  process.stderr.write(`bench:models failed: ${(e as Error).message}\n`);
  process.exit(1);
});
