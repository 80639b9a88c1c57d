// `npm run bench:serving`: what a newcomer gets, and does training slow the site down? Two fresh starts of the
// production server (scripts/serve.mjs, embedded defaults, fresh DATA_DIR each):
//  1. as `npm start` runs it, the first-start warm-up on (training the watchlist, then the rest of the shipped
//     set, in the background). 5 s after the start a person clicks a symbol not on the watchlist: the time to its
//     baseline forecast and to the full model set (nothing but the warm-up beside it); then the baselines of four
//     more symbols never trained (p95 of the five); then GET /api/stock/AAPL under autocannon while the last of
//     them trains (a person's training on two threads, the warm-up waiting); then the admin retrains the symbol
//     with no new bars and after five new bars arrive (its data file starts five bars short).
//  2. the same on a quiet server (warm-up off): GET /api/stock/AAPL idle, then a click on another symbol.
// Prints a table, or with --json the figures and the load average; beside each segment's latencies, the server's
// own event-loop delay over it (prom-client's figures on GET /metrics). `--warm-up off` runs the first part with the
// warm-up off too (the other benchmarks keep it off: app-server.ts benchEnv).
//
// Options: --json  --duration <s> of the idle run (default 10)  --connections <n> (default 10)
//          --symbol <SYM> clicked on the warming server (default ORCL)  --idle-symbol <SYM> (default IBM)
//          --warm-up on|off (default on)
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freePort, percentile, runSegment, sleep, startAndWait, stopServer, table, type Segment } from "./app-server";
import { clickToModels, newUser, retrain } from "./newcomer";

const STOCK_PATH = "/api/stock/AAPL";
/** Never on the default watchlist: a newcomer browsing the catalogue. */
const MORE_SYMBOLS = ["ADBE", "CRM", "INTC", "DIS"];
const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    symbol: { type: "string", default: "ORCL" },
    "idle-symbol": { type: "string", default: "IBM" },
    "warm-up": { type: "string", default: "on" },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
if (!(duration > 0) || !Number.isInteger(connections) || connections < 1) throw new Error("--duration must be positive and --connections a positive integer");
if (!["on", "off"].includes(args["warm-up"]!)) throw new Error("--warm-up must be on or off");
const say = (msg: string) => (args.json ? process.stderr : process.stdout).write(msg + "\n");
const ms = (n: number) => Math.round(n * 10) / 10;
const load = () => loadavg().map((l) => Math.round(l * 100) / 100);

function figures(s: Segment) {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  return {
    rps: Math.round(s.requests / s.seconds),
    p50Ms: ms(percentile(sorted, 50)),
    p99Ms: ms(percentile(sorted, 99)),
    maxMs: ms(sorted.at(-1) ?? NaN),
    requests: s.requests,
    errors: s.errors,
    non2xx: s.non2xx,
    seconds: ms(s.seconds),
  };
}

/**
 * The server's event-loop delay (ms) since the last call: prom-client's default metrics on GET /metrics read a
 * monitorEventLoopDelay histogram (10 ms resolution) and reset it at every scrape, so a scrape before a
 * segment and one after it give the segment's delay. Null when /metrics does not answer with them.
 */
async function loopLag(base: string): Promise<{ p99Ms: number; maxMs: number; meanMs: number } | null> {
  const text = await fetch(`${base}/metrics`).then((r) => (r.ok ? r.text() : ""), () => "");
  const value = (name: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${name} `));
    return line ? ms(Number(line.split(" ")[1]) * 1000) : null;
  };
  const [p99Ms, maxMs, meanMs] = ["p99", "max", "mean"].map((k) => value(`nodejs_eventloop_lag_${k}_seconds`));
  return p99Ms === null || maxMs === null || meanMs === null ? null : { p99Ms, maxMs, meanMs };
}

/** A fresh server on a copy of the shipped data set in which `shortSymbol`'s file lacks its last five bars. */
async function freshServer({ warm, shortSymbol }: { warm: boolean; shortSymbol?: string }) {
  const startedAt = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), "bench-serving-"));
  const adminKey = randomBytes(24).toString("base64url");
  const marketDir = join(dataDir, "market");
  cpSync("data", marketDir, { recursive: true });
  const symbolFile = join(marketDir, `${shortSymbol}.csv`);
  const fullCsv = shortSymbol ? readFileSync(symbolFile, "utf8") : "";
  if (shortSymbol) writeFileSync(symbolFile, fullCsv.trimEnd().split(/\r?\n/).slice(0, -5).join("\n") + "\n");
  const env = { DATA_DIR: dataDir, ADMIN_API_KEY: adminKey, MARKET_DATA_DIR: marketDir, WARM_MODELS: warm ? "1" : "0" };
  const { child, base } = await startAndWait({ port: await freePort(), env, log: say, readyPath: "/api/ping" });
  return {
    base,
    adminKey,
    startedAt,
    /**
     * The five bars arrive. The server re-reads a changed data file within 2 s, but while the keyless live
     * providers are on it keeps a symbol's served daily series for TTL.fallback (60 s) when the shipped set is
     * its source (market/bar-store/daily-series.ts): a retrain sooner trains on the old bars (it computed 0
     * origins in a run on 2026-12-07). So the bars arrive, then the series the last retrain read expires.
     */
    restoreBars: async () => {
      writeFileSync(symbolFile, fullCsv);
      await sleep(62_000);
    },
    stop: async () => {
      await stopServer(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Part 1: the newcomer's state (warm-up on, as npm start runs). */
async function newcomer() {
  const warm = args["warm-up"] === "on";
  const server = await freshServer({ warm, shortSymbol: args.symbol! });
  try {
    const user = await newUser(server.base, "newcomer");
    // The click comes 5 s after the start (the server process was spawned at startedAt).
    await sleep(Math.max(0, 5000 - (performance.now() - server.startedAt)));
    say(`newcomer: ${args.symbol} clicked ${((performance.now() - server.startedAt) / 1000).toFixed(1)} s after the start (warm-up ${warm ? "on" : "off"})`);
    // The click is timed with nothing but the warm-up beside it (a newcomer's server has no load generator).
    const first = await clickToModels(user, args.symbol!);
    say(`newcomer: baselines of ${MORE_SYMBOLS.join(", ")}`);
    const baselines = [first.baselineMs];
    for (const s of MORE_SYMBOLS) {
      const t = performance.now();
      const r = await fetch(`${server.base}/api/predictions/${s}`, { headers: user.headers });
      const body = (await r.json()) as { stage?: string };
      if (r.status !== 200) throw new Error(`GET /api/predictions/${s} answered HTTP ${r.status}`);
      if (body.stage !== "baseline") say(`  (${s} was already past its baseline: ${body.stage})`);
      baselines.push(performance.now() - t);
    }
    // The site under load while a person's training (two threads) and the warm-up run.
    const busy = MORE_SYMBOLS.at(-1)!;
    say(`newcomer: ${STOCK_PATH} at ${connections} connections while ${busy}'s models train`);
    const training = clickToModels(user, busy);
    await loopLag(server.base);
    const during = { ...figures(await runSegment({ url: server.base + STOCK_PATH, connections, seconds: 600, until: training })), loopLag: await loopLag(server.base) };
    const busyFullMs = (await training).fullMs;
    say(`newcomer: retrain ${args.symbol}, no new bars, then after five new bars`);
    const none = await retrain(server.base, server.adminKey, args.symbol!);
    await server.restoreBars();
    const five = await retrain(server.base, server.adminKey, args.symbol!);
    // What each retrain computed: origins, walk-forward and final fits, volatility fits (summed over the models).
    const counted = ({ counts: c }: typeof none) => ({
      origins: c.backtests.reduce((s, b) => s + b.computed, 0),
      walkForwardFits: c.backtests.reduce((s, b) => s + b.fits, 0),
      finalFits: c.backtests.filter((b) => !b.finalReused).length,
      volatilityFits: c.volatility.computed,
      volatilityFinals: c.volatility.finalsComputed,
    });
    const sorted = [...baselines].sort((a, b) => a - b);
    return {
      warmUp: warm,
      symbol: args.symbol,
      baselineMs: ms(first.baselineMs),
      fullSetMs: ms(first.fullMs),
      models: first.models,
      progressMessages: first.messages,
      baselinesMs: baselines.map(ms),
      baselineP95Ms: ms(percentile(sorted, 95)),
      duringTraining: { ...during, symbol: busy, fullSetMs: ms(busyFullMs) },
      retrainMs: ms(none.ms),
      retrainFiveBarsMs: ms(five.ms),
      retrainComputed: { noNewBars: counted(none), fiveNewBars: counted(five) },
      loadAverage: load(),
    };
  } finally {
    await server.stop();
  }
}

/** Part 2: the same click on a quiet server, and the stock route idle. */
async function quiet() {
  const server = await freshServer({ warm: false });
  try {
    const user = await newUser(server.base, "quiet");
    await fetch(server.base + "/api/status").then((r) => r.arrayBuffer());
    const url = server.base + STOCK_PATH;
    await runSegment({ url, connections, seconds: 3 });
    say(`quiet: ${STOCK_PATH} idle for ${duration} s at ${connections} connections`);
    await loopLag(server.base);
    const idle = { ...figures(await runSegment({ url, connections, seconds: duration })), loopLag: await loopLag(server.base) };
    say(`quiet: ${args["idle-symbol"]} clicked on the idle server`);
    const click = await clickToModels(user, args["idle-symbol"]!);
    return { symbol: args["idle-symbol"], idle, baselineMs: ms(click.baselineMs), fullSetMs: ms(click.fullMs), models: click.models, loadAverage: load() };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const loadAtStart = load();
  const a = await newcomer();
  const b = await quiet();
  const report = {
    when: new Date().toISOString(),
    cores: cpus().length,
    loadAtStart,
    loadAtEnd: load(),
    connections,
    newcomer: a,
    quiet: b,
    p99Ratio: Math.round((a.duringTraining.p99Ms / b.idle.p99Ms) * 100) / 100,
  };
  if (args.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  else {
    const head = ["phase", "req/s", "p50 ms", "p99 ms", "max ms", "requests", "errors", "non-2xx", "seconds"];
    const row = (name: string, f: ReturnType<typeof figures>) => [name, f.rps, f.p50Ms, f.p99Ms, f.maxMs, f.requests, f.errors, f.non2xx, f.seconds];
    say("\n" + table(head, [row("idle (quiet server)", b.idle), row(`${a.duringTraining.symbol} training, warm-up ${a.warmUp ? "on" : "off"}`, a.duringTraining)]) + "\n");
    say(`baseline: ${a.symbol} ${a.baselineMs} ms after the click; p95 of five symbols ${a.baselineP95Ms} ms (target <= 3000); quiet ${b.baselineMs} ms`);
    say(`full model set (${a.models} models): ${a.fullSetMs} ms after the click with the warm-up ${a.warmUp ? "running" : "off"} (target <= 20000); quiet ${b.fullSetMs} ms (target <= 15000)`);
    say(`retrain with no new bars ${a.retrainMs} ms, after five new bars ${a.retrainFiveBarsMs} ms (target <= 5000)`);
    say(`retrain computed, no new bars: ${JSON.stringify(a.retrainComputed.noNewBars)}; five new bars: ${JSON.stringify(a.retrainComputed.fiveNewBars)}`);
    if (a.retrainComputed.fiveNewBars.origins === 0) say("  (the retrain after five new bars computed no origin: it did not see the new bars)");
    say(`p99 during training / idle: ${report.p99Ratio}x (target <= 2x); slowest request ${a.duringTraining.maxMs} ms (target <= 1000)`);
    const lag = (l: typeof b.idle.loopLag) => (l ? `p99 ${l.p99Ms} ms, max ${l.maxMs} ms, mean ${l.meanMs} ms` : "not reported");
    say(`server event-loop delay (GET /metrics): idle ${lag(b.idle.loopLag)}; during training ${lag(a.duringTraining.loopLag)}`);
    say(`progress messages: ${a.progressMessages.join(" | ")}`);
    say(`load average ${loadAtStart.join(" ")} at the start, ${report.loadAtEnd.join(" ")} at the end, on ${report.cores} cores`);
  }
  if (a.duringTraining.errors + a.duringTraining.non2xx + b.idle.errors + b.idle.non2xx > 0) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench:serving failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
