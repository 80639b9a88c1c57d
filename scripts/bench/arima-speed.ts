// Timing of the ARIMA and Prophet-style models: automatic ARIMA order selection on 500 points,
// fit on ten years of daily bars, and predict. Usage: npm run bench:arima -- [--json] [TICKER ...]
import { readSeriesCsv } from "../../src/server/forecast/data";
import { arimaModel, autoArima, prophetModel } from "../../src/server/forecast";
import type { ModelSpec, PriceSeries } from "../../src/server/forecast/vocabulary";

const args = process.argv.slice(2);
const json = args.includes("--json");
const tickers = args.filter((a) => !a.startsWith("--"));
const symbols = tickers.length > 0 ? tickers : ["AAPL", "MSFT", "JNJ", "JPM", "NVDA", "TSLA", "WMT"];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time, and mean CPU time (less sensitive to other jobs on a shared machine). */
function time<T>(fn: () => T, reps: number): { ms: number; cpuMs: number; out: T } {
  let out = fn(); // warm-up (JIT)
  const times: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    out = fn();
    times.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  return { ms: median(times), cpuMs: (c.user + c.system) / 1000 / reps, out };
}

function lastN(s: PriceSeries, n: number): PriceSeries {
  const from = Math.max(0, s.close.length - n);
  return {
    symbol: s.symbol,
    dates: s.dates.slice(from),
    open: s.open.subarray(from),
    high: s.high.subarray(from),
    low: s.low.subarray(from),
    close: s.close.subarray(from),
    adjClose: s.adjClose.subarray(from),
    volume: s.volume.subarray(from),
  };
}

const rows = symbols.map((symbol) => {
  const full = readSeriesCsv({ symbol });
  const y500 = Array.from(full.close.subarray(full.close.length - 500), Math.log);
  const auto = time(() => autoArima({ y: y500 }), 5);
  const decade = lastN(full, 2520);
  const models: Record<string, { fitMs: number; predictMs: number }> = {};
  for (const spec of [arimaModel, prophetModel] as ModelSpec[]) {
    const fit = time(() => spec.fit(decade) as ReturnType<typeof arimaModel.fit>, 3);
    const model = fit.out as Awaited<ReturnType<ModelSpec["fit"]>>;
    const pred = time(() => model.predict(decade), 50);
    models[spec.name] = { fitMs: fit.ms, predictMs: pred.ms };
  }
  const b = auto.out.best;
  return { symbol, autoArima500Ms: auto.ms, autoArima500CpuMs: auto.cpuMs, order: `(${b.p},${auto.out.d},${b.q})${b.withMean ? "+drift" : ""}`, modelsTried: auto.out.tried.length, models };
});

if (json) console.log(JSON.stringify({ symbols, rows }, null, 2));
else {
  console.log("symbol  autoARIMA(500) wall/cpu   order            tried  arima fit/predict   prophet fit/predict (10y)");
  for (const r of rows)
    console.log(
      `${r.symbol.padEnd(7)} ${r.autoArima500Ms.toFixed(1).padStart(8)} / ${r.autoArima500CpuMs.toFixed(1).padStart(6)} ms  ${r.order.padEnd(16)} ${String(r.modelsTried).padStart(5)}  ` +
        `${r.models.arima.fitMs.toFixed(0).padStart(5)} / ${r.models.arima.predictMs.toFixed(2)} ms   ${r.models.prophet.fitMs.toFixed(0).padStart(5)} / ${r.models.prophet.predictMs.toFixed(2)} ms`,
    );
  const all = rows.map((r) => r.autoArima500Ms);
  const cpu = rows.map((r) => r.autoArima500CpuMs);
  console.log(`auto ARIMA on 500 points: wall median ${median(all).toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms; CPU median ${median(cpu).toFixed(1)} ms, max ${Math.max(...cpu).toFixed(1)} ms`);
}
