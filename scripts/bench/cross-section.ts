// The cross-sectional (M6) forecast walked forward over the shipped data: every variant's RPS on the
// development weeks, the chosen one's RPS on the scored weeks against the uniform 0.16 with its noise band,
// and the time it took. Usage: npm run bench:cross-section -- [--json]
import { defaultDataDir, listSymbols, readSeriesCsv } from "../../src/server/forecast/data";
import { runCrossSection, shippedMarketVariance } from "../../src/server/forecast";

const json = process.argv.includes("--json");
const dir = defaultDataDir();
const series = listSymbols({ dir }).map((symbol) => readSeriesCsv({ dir, symbol }));
const t0 = performance.now();
const c0 = process.cpuUsage();
const run = runCrossSection({ series, market: shippedMarketVariance() });
const cpu = process.cpuUsage(c0);
const ms = performance.now() - t0;
const f = (x: number | null, d = 5) => (x === null ? "-" : x.toFixed(d));
if (json) {
  const { weeks, ...rest } = run;
  console.log(JSON.stringify({ ...rest, weeksScored: weeks.length, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000) }, null, 2));
} else {
  console.log(`${run.symbols.length} symbols; development weeks ${run.development.from}..${run.development.to} (${run.development.weeks}): uniform ${f(run.development.uniform)}`);
  for (const [id, v] of Object.entries(run.development.rps)) console.log(`  ${id.padEnd(18)} ${f(v)}${id === run.chosen ? "  <- chosen" : ""}`);
  console.log("scored weeks (variant: RPS, uniform, difference, SE, 95% block-bootstrap band, edge):");
  for (const [id, s] of Object.entries(run.scored)) {
    console.log(`  ${id.padEnd(18)} ${s.weeks} weeks ${s.from}..${s.to}: ${f(s.rps)} vs ${f(s.uniform)}, ${f(s.difference)} (SE ${f(s.standardError)}), [${f(s.band?.[0] ?? null)}, ${f(s.band?.[1] ?? null)}] ${s.edge ? "EDGE" : "no edge"}`);
  }
  console.log(`walk-forward of ${run.weeks.length} weeks x 4 variants: ${(ms / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`);
}
