// `npm run bench:retrain-cpu [-- --symbol DIS] [-- --bars 5] [-- --runs 3]`: the engine's CPU for a retrain after
// new bars (issue 17's "retrain with five new bars"), on this thread, without the pool, the database or the
// server: the symbol is trained on all but its last `bars` bars, the stored walk-forward origins and volatility
// fits are kept, and every model is retrained on every bar from them (`runs` times, from the same stored state).
// Prints JSON: per run the process CPU (this thread and V8's helpers), the volatility plan's and each model's
// wall ms, and the origins each model computed. Under `node --cpu-prof --import tsx` it profiles the retrain.
import { parseArgs } from "node:util";
import { loadavg } from "node:os";

const { values: args } = parseArgs({ options: { symbol: { type: "string", default: "DIS" }, bars: { type: "string", default: "5" }, runs: { type: "string", default: "3" } } });
const { mergeStored, mergeVolStore, prepareVol, shippedMarketVariance, trainTicker } = await import("../../src/server/forecast");
const { readSeriesCsv, sliceSeries } = await import("../../src/server/forecast/data");
const { MODELS } = await import("../../src/server/forecast/model-list");

const full = readSeriesCsv({ symbol: args.symbol! });
const before = sliceSeries(full, full.dates.length - Number(args.bars));
const market = shippedMarketVariance();
const first = await trainTicker({ specs: MODELS, series: before, market });
const stored = Object.fromEntries(first.stores.map((s) => [s.model, mergeStored({ update: s.update })]));
const volStored = mergeVolStore({ update: first.volStore }) ?? undefined;

const runs = [];
const load = [loadavg()[0]];
for (let r = 0; r < Number(args.runs); r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const prepared = prepareVol({ series: full, market, volStored });
  const planMs = performance.now() - t0;
  const models: Record<string, number> = {};
  let last = performance.now();
  const result = await trainTicker({
    specs: MODELS,
    series: full,
    market,
    stored: stored as never,
    volStored,
    prepared,
    onProgress: (e) => {
      if (e.stage !== "done") return;
      models[e.model] = Math.round(performance.now() - last);
      last = performance.now();
    },
  });
  const cpu = process.cpuUsage(c0);
  runs.push({ cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Math.round(performance.now() - t0), planMs: Math.round(planMs), models, originsComputed: Object.fromEntries(result.stores.map((s) => [s.model, s.update.computed.length])) });
}
load.push(loadavg()[0]);
const cpus = runs.map((r) => r.cpuMs).sort((a, b) => a - b);
console.log(JSON.stringify({ symbol: args.symbol, newBars: Number(args.bars), at: new Date().toISOString(), loadAverage1m: load, medianCpuMs: cpus[Math.floor(cpus.length / 2)], runs }, null, 1));
