// Fit and predict timings of the feature-based models (random forest, GBT, LSTM) on 10 years of daily
// bars, plus a simple holdout check: fit once on data before the last `holdout` bars, forecast each of
// them without refitting, and compare price MAE with the naive last-close forecast.
// Usage: npm run bench:ml -- [--tickers AAPL,MSFT] [--holdout 250] [--json]
import { readSeriesCsv, sliceSeries, windowSeries } from "../../src/server/forecast/data";
import { binMatrix, createRng, fitBins, fitForest, gbtModel, lstmModel, randomForestModel } from "../../src/server/forecast";
import { HORIZON_KEYS, HORIZONS, type ModelSpec } from "../../src/server/forecast/vocabulary";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const tickers = opt("tickers", "AAPL").split(",").map((s) => s.trim().toUpperCase());
const holdout = Number(opt("holdout", "250"));
const BARS = 2520;
const specs: ModelSpec[] = [randomForestModel, gbtModel, lstmModel];

interface Row {
  model: string;
  ticker: string;
  fitMs: number;
  predictMs: number;
  maeRatio: Record<string, number>;
}

// Read every CSV first so a bad ticker fails before minutes of training.
const seriesByTicker = new Map(tickers.map((t) => [t, readSeriesCsv({ symbol: t })]));
const rows: Row[] = [];
for (const ticker of tickers) {
  const full = seriesByTicker.get(ticker)!;
  const n = full.dates.length;
  const recent = windowSeries(full, n - BARS);
  const train = windowSeries(full, n - BARS - holdout, n - holdout);
  for (const spec of specs) {
    let t0 = performance.now();
    const model = await spec.fit(recent, { seed: 42 });
    const fitMs = performance.now() - t0;
    model.predict(recent);
    t0 = performance.now();
    for (let i = 0; i < 50; i++) model.predict(recent);
    const predictMs = (performance.now() - t0) / 50;

    const held = await spec.fit(train, { seed: 42 });
    const maeRatio: Record<string, number> = {};
    for (const h of HORIZON_KEYS) {
      const steps = HORIZONS[h];
      let model_ = 0;
      let naive = 0;
      for (let end = n - holdout; end + steps - 1 < n; end++) {
        const f = held.predict(sliceSeries(full, end)).find((x) => x.horizon === h)!;
        const actual = full.close[end + steps - 1];
        model_ += Math.abs(f.price - actual);
        naive += Math.abs(full.close[end - 1] - actual);
      }
      maeRatio[h] = model_ / naive;
    }
    rows.push({ model: spec.name, ticker, fitMs, predictMs, maeRatio });
  }
}

// The figure ml-random-forest needed 193 s for: 100 trees on a 2500 x 25 matrix.
const rng = createRng(1);
const X = Float64Array.from({ length: 2500 * 25 }, () => rng.next());
const y = Float64Array.from({ length: 2500 }, (_, i) => X[i * 25] + rng.next());
let t0 = performance.now();
const mapper = fitBins(X, 2500, 25, 64);
const forest100Ms = (() => {
  const data = binMatrix(X, 2500, 25, mapper);
  fitForest({ data, mapper, y, rows: Int32Array.from({ length: 2500 }, (_, i) => i), params: { nTrees: 100, maxDepth: 12, minLeaf: 5, mtry: 8, bootstrap: true, sampleFraction: 1, seed: 1 } });
  return performance.now() - t0;
})();

if (args.includes("--json")) console.log(JSON.stringify({ bars: BARS, holdout, forest100Ms, rows }, null, 2));
else {
  console.log(`100-tree forest on 2500x25 (depth 12, min leaf 5, mtry 8), binning included: ${forest100Ms.toFixed(0)} ms`);
  console.log(`last ${BARS} bars per ticker; holdout: fit before the last ${holdout} bars, MAE vs naive on them`);
  console.log("model          ticker  fit ms  predict ms  MAE/naive 1d  2d     1w");
  for (const r of rows) {
    console.log(
      `${r.model.padEnd(14)} ${r.ticker.padEnd(7)} ${r.fitMs.toFixed(0).padStart(6)}  ${r.predictMs.toFixed(2).padStart(10)}  ` +
        `${r.maeRatio["1d"].toFixed(3).padStart(12)}  ${r.maeRatio["2d"].toFixed(3)}  ${r.maeRatio["1w"].toFixed(3)}`,
    );
  }
}
