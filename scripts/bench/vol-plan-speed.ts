// Timing of the volatility plan a training run makes (variance paths of the four volatility models, the
// model choice, and the final fits of the chosen models), in-process: from nothing, after five new bars with
// the fits stored by a run on the shorter series, and with no new bars. The stored fits go through a JSON
// round trip first, as they do through the database (the database read itself is not timed).
// Usage: npx tsx scripts/bench/vol-plan-speed.ts [--reps 5] [TICKER ...]   (default MSFT)
import { finalVolStates, mergeVolStore, shippedMarketVariance, type StoredVolPlan, volPlanFor } from "../../src/server/forecast";
import { readSeriesCsv, sliceSeries } from "../../src/server/forecast/data";
import type { PriceSeries } from "../../src/server/forecast/vocabulary";

const args = process.argv.slice(2);
const repsAt = args.indexOf("--reps");
const reps = repsAt >= 0 ? Number(args[repsAt + 1]) : 5;
const tickers = args.filter((a, i) => !a.startsWith("--") && (repsAt < 0 || i !== repsAt + 1));
const market = shippedMarketVariance();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(series: PriceSeries, stored?: StoredVolPlan) {
  const t0 = performance.now();
  const plan = volPlanFor({ series, market, volStored: stored });
  finalVolStates(plan, stored);
  return { ms: performance.now() - t0, plan };
}

function time(series: PriceSeries, stored?: StoredVolPlan) {
  run(series, stored); // warm-up (JIT)
  const out = Array.from({ length: reps }, () => run(series, stored));
  const s = out[0].plan.store;
  return { ms: median(out.map((o) => o.ms)), fits: s.computed.length, reused: s.reused, finals: s.finalsComputed, plan: out[0].plan };
}

const roundTrip = (x: StoredVolPlan): StoredVolPlan => JSON.parse(JSON.stringify(x)) as StoredVolPlan;

for (const symbol of tickers.length ? tickers : ["MSFT"]) {
  const full = readSeriesCsv({ symbol });
  const short = sliceSeries(full, full.dates.length - 5);
  const first = time(full);
  const shortRun = run(short).plan;
  const storedShort = roundTrip(mergeVolStore({ update: shortRun.store })!);
  const five = time(full, storedShort);
  const storedFull = roundTrip(mergeVolStore({ before: storedShort, update: five.plan.store }) ?? storedShort);
  const none = time(full, storedFull);
  const bytes = JSON.stringify(storedFull).length;
  for (const [name, r] of [["from nothing", first], ["five new bars", five], ["no new bars", none]] as const) {
    console.log(`${symbol} ${name.padEnd(14)} ${r.ms.toFixed(0).padStart(6)} ms (median of ${reps})  fits computed ${r.fits}, reused ${r.reused}, final fits ${r.finals}`);
  }
  console.log(`${symbol} stored fits: ${storedFull.fits.length}, ${(bytes / 1024).toFixed(0)} KiB of JSON`);
}
