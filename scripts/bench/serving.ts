// `npm run bench:serving`: does training slow the site down? Starts the production server (scripts/serve.mjs)
// on the embedded defaults with a fresh DATA_DIR, measures GET /api/stock/AAPL with autocannon idle, then
// again for as long as an untrained symbol's first full training runs (POST /api/train with the admin key,
// all configured models), then times a retrain of the same symbol with no new bars and one after five new bars
// arrive (the server reads a copy of the shipped data set whose file for the symbol starts five bars short).
// Prints a table, or with --json { idle, training, p99Ratio, firstTrainingMs, retrainMs, retrainFiveBarsMs,
// warmPrediction, workerWarmUpMs }. Measuring starts once the server's training worker is warm (its log line).
//
// Options: --json  --duration <s> of the idle run (default 10)  --connections <n> (default 10)
//          --symbol <SYM> to train (default MSFT)  --models a,b (default: the server's configured models)
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freePort, percentile, runSegment, sleep, startAndWait, stopServer, table, waitFor, type Segment } from "./app-server";

const STOCK_PATH = "/api/stock/AAPL";
const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    symbol: { type: "string", default: "MSFT" },
    models: { type: "string" },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
if (!(duration > 0) || !Number.isInteger(connections) || connections < 1) throw new Error("--duration must be positive and --connections a positive integer");
const say = (msg: string) => (args.json ? process.stderr : process.stdout).write(msg + "\n");
const ms = (n: number) => Math.round(n * 10) / 10;

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

/** Queues training of one symbol as the admin and resolves with the wall time until its job is done. */
async function train(base: string, adminKey: string): Promise<{ ms: number; job: unknown }> {
  const started = performance.now();
  const headers = { "content-type": "application/json", "x-api-key": adminKey };
  const body = { symbols: [args.symbol], ...(args.models ? { models: args.models.split(",") } : {}) };
  const res = await fetch(`${base}/api/train`, { method: "POST", headers, body: JSON.stringify(body) });
  if (res.status !== 202) throw new Error(`POST /api/train answered HTTP ${res.status}: ${await res.text()}`);
  const { poll } = (await res.json()) as { poll: string };
  for (;;) {
    await sleep(200);
    const j = (await (await fetch(base + poll, { headers })).json()) as { status: string; error?: unknown };
    if (j.status === "done") return { ms: performance.now() - started, job: j };
    if (["failed", "timeout", "cancelled"].includes(j.status)) throw new Error(`training ${args.symbol} ended ${j.status}: ${JSON.stringify(j)}`);
  }
}

/**
 * A forecast from trained models, as a client sees it on this machine's loopback: the first request after
 * the retrain (computed from the stored artifacts unless the cache already holds it) and the median of 20
 * more (served from the prediction cache). Each with the X-Cache header the server answered.
 */
async function warmPrediction(base: string, adminKey: string) {
  const get = async () => {
    const t = performance.now();
    const res = await fetch(`${base}/api/predictions/${args.symbol}`, { headers: { "x-api-key": adminKey } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET /api/predictions/${args.symbol} answered HTTP ${res.status} after training`);
    return { ms: performance.now() - t, cache: res.headers.get("x-cache") ?? "none" };
  };
  const first = await get();
  const rest: number[] = [];
  for (let i = 0; i < 20; i++) rest.push((await get()).ms);
  rest.sort((a, b) => a - b);
  return { firstMs: ms(first.ms), firstCache: first.cache, p50Ms: ms(percentile(rest, 50)), maxMs: ms(rest.at(-1) ?? NaN) };
}

/** The server's warm-up of its training worker at start (its log line's ms), waited for so it overlaps no measurement. */
async function workerWarmUp(logFile: string): Promise<number | null> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const line = readFileSync(logFile, "utf8").split("\n").find((l) => l.includes('"msg":"training worker ready"'));
    if (line) return (JSON.parse(line) as { ms: number }).ms;
    await sleep(200);
  }
  return null;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-serving-"));
  const adminKey = randomBytes(24).toString("base64url");
  // A copy of the shipped data set in which the symbol's file lacks its last five bars; they are put back
  // before the third training. The server re-reads a data file when it changes.
  const marketDir = join(dataDir, "market");
  cpSync("data", marketDir, { recursive: true });
  const symbolFile = join(marketDir, `${args.symbol}.csv`);
  const fullCsv = readFileSync(symbolFile, "utf8");
  const lines = fullCsv.trimEnd().split(/\r?\n/);
  writeFileSync(symbolFile, lines.slice(0, -5).join("\n") + "\n");
  // The first-start warm-up stays off (benchEnv): this benchmark starts the training itself.
  const env = { DATA_DIR: dataDir, ADMIN_API_KEY: adminKey, MARKET_DATA_DIR: marketDir };
  const { child, base, logFile } = await startAndWait({ port: await freePort(), env, log: say, readyPath: "/api/ping" });
  try {
    const workerWarmUpMs = await workerWarmUp(logFile);
    await waitFor(base + STOCK_PATH, { timeoutMs: 30_000 });
    // The embedded database opens (and migrates) in the background at start: let it finish before measuring.
    await fetch(base + "/api/status").then((r) => r.arrayBuffer());
    const url = base + STOCK_PATH;
    await runSegment({ url, connections, seconds: 3 });
    say(`idle: ${STOCK_PATH} for ${duration} s at ${connections} connections`);
    const idle = figures(await runSegment({ url, connections, seconds: duration }));

    say(`training: first training of ${args.symbol} while ${STOCK_PATH} is measured`);
    const first = train(base, adminKey);
    // Stopped when the training job is done (at most 10 minutes).
    const during = figures(await runSegment({ url, connections, seconds: 600, until: first }));
    const firstTrainingMs = Math.round((await first).ms);

    say(`retrain: ${args.symbol} again, no new bars`);
    const retrainMs = Math.round((await train(base, adminKey)).ms);
    say(`retrain: ${args.symbol} after five new bars`);
    writeFileSync(symbolFile, fullCsv);
    await sleep(2500); // the data file is re-checked every 2 s
    const retrainFiveBarsMs = Math.round((await train(base, adminKey)).ms);
    say(`warm prediction: GET /api/predictions/${args.symbol}`);
    const prediction = await warmPrediction(base, adminKey);

    const report = {
      when: new Date().toISOString(),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      cores: cpus().length,
      symbol: args.symbol,
      connections,
      idle: { rps: idle.rps, p50Ms: idle.p50Ms, p99Ms: idle.p99Ms },
      training: { rps: during.rps, p50Ms: during.p50Ms, p99Ms: during.p99Ms, maxMs: during.maxMs },
      p99Ratio: Math.round((during.p99Ms / idle.p99Ms) * 100) / 100,
      firstTrainingMs,
      retrainMs,
      retrainFiveBarsMs,
      warmPrediction: prediction,
      workerWarmUpMs,
      detail: { idle, training: during },
    };
    if (args.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    else {
      const head = ["phase", "req/s", "p50 ms", "p99 ms", "max ms", "requests", "errors", "non-2xx", "seconds"];
      const row = (name: string, f: ReturnType<typeof figures>) => [name, f.rps, f.p50Ms, f.p99Ms, f.maxMs, f.requests, f.errors, f.non2xx, f.seconds];
      say("\n" + table(head, [row("idle", idle), row(`training ${args.symbol}`, during)]) + "\n");
      say(`p99 during training / idle: ${report.p99Ratio}x (target <= 2x); slowest request ${during.maxMs} ms (target <= 1000)`);
      say(`first training of ${args.symbol}: ${firstTrainingMs} ms; retrain with no new bars: ${retrainMs} ms; after five new bars: ${retrainFiveBarsMs} ms`);
      say(`warm prediction: first ${prediction.firstMs} ms (X-Cache ${prediction.firstCache}), then median ${prediction.p50Ms} ms, max ${prediction.maxMs} ms (target <= 50 ms)`);
      say(`training worker warm-up at start: ${workerWarmUpMs ?? "not logged"} ms`);
      say(`load average ${report.loadAverage.join(" ")} on ${report.cores} cores`);
    }
    if (idle.errors + idle.non2xx + during.errors + during.non2xx > 0) process.exitCode = 1;
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench:serving failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
