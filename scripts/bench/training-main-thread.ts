// `npm run bench:training-main-thread [-- --symbols IBM,DIS] [-- --out file.json]`: what one person's training costs the
// server's main thread (issue 17: the stock route's p99 during training). In this process, as the embedded
// server runs it (PGlite in a temp folder, the in-process queue, the real training pool of two threads at
// TRAINING_NICE): per symbol, a forecast job (compute-prediction, priority 10) trains every configured model of
// a symbol never trained, then a retrain with no new bars (the first symbol's figures include what the
// process does once: the second symbol's are the steady state). Recorded on the main thread only, so the figures depend on
// the machine's load far less than a latency: its CPU time (/proc/self/task/<pid>/stat: that thread alone, not
// the training threads), in all and per model step, also above its idle rate (measured over 5 s before), and the event loop's delay (monitorEventLoopDelay
// at 1 ms: max, p99, mean); with --queries, the embedded database's calls by statement. Prints JSON. With `node --cpu-prof` (see docs/operations.md) the profile says where.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({ options: { symbols: { type: "string", default: "IBM,DIS" }, out: { type: "string" }, queries: { type: "boolean", default: false } } });
const dataDir = mkdtempSync(join(tmpdir(), "stock-hub-bench-main-thread-"));
Object.assign(process.env, { DATA_DIR: dataDir, FORECAST_WORKERS: "2", WARM_MODELS: "0", PROVIDER_ORDER: "shipped", SEC_EDGAR: "off" });
for (const k of ["DATABASE_URL", "REDIS_URL", "FORECAST_MODELS", "MARKET_DATA_DIR"]) delete process.env[k];

const { getDb } = await import("../../src/lib/db");
// The job handlers, bound as the server's start-up hook binds them.
(await import("../../src/handlers")).bindJobHandlers();
const { FORECAST_EVENT, TRAINING_EVENT, queue } = await import("../../src/server/jobs");
const { resetServicesForTests } = await import("../../src/lib/services");
const { closeTrainPool, trainPool } = await import("../../src/server/training");

// --queries: every embedded-database call per segment, by statement (its first 70 characters): count and wall ms.
const calls = new Map<string, { n: number; ms: number }>();
if (args.queries) {
  const { PGlite } = await import("@electric-sql/pglite");
  const proto = PGlite.prototype as unknown as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
  const query = proto.query;
  proto.query = async function (this: unknown, sql: string, ...rest: unknown[]) {
    const t = performance.now();
    try {
      return await query.call(this, sql, ...rest);
    } finally {
      const key = sql.replace(/\s+/g, " ").slice(0, 70);
      const c = calls.get(key) ?? { n: 0, ms: 0 };
      calls.set(key, { n: c.n + 1, ms: c.ms + performance.now() - t });
    }
  };
}
const topCalls = () => {
  const top = [...calls].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15).map(([sql, c]) => ({ sql, n: c.n, ms: Math.round(c.ms) }));
  calls.clear();
  return top;
};

const ticks = () => {
  // utime + stime of the main thread (its task id is the process id), in clock ticks (1/100 s).
  const f = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function waitFor(jobId: string) {
  const db = await getDb();
  // The status alone, once a second (the job's row carries the forecast so far: reading it is not the server's work).
  for (;;) {
    const { status, error } = await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { status: true, error: true } });
    if (!["queued", "running"].includes(status)) {
      if (status !== "done") throw new Error(`job ${jobId} ended ${status}: ${error}`);
      return (await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { result: true } })).result as Record<string, unknown>;
    }
    await sleep(1000);
  }
}

/** The main thread over `run`: CPU ms above the idle rate, and the event loop's delay. */
async function measure(idleMsPerS: number, run: () => Promise<{ models: number; result: unknown }>) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  calls.clear();
  const t0 = performance.now();
  const c0 = ticks();
  h.enable();
  const { models } = await run();
  h.disable();
  const wallS = (performance.now() - t0) / 1000;
  const cpuMs = ticks() - c0;
  // Above the idle rate: what the training added (the idle rate is the thread's own timers and polling).
  const added = cpuMs - idleMsPerS * wallS;
  return {
    models,
    wallS: round(wallS),
    mainThreadCpuMs: cpuMs,
    mainThreadCpuMsPerModel: models ? Math.round(cpuMs / models) : null,
    aboveIdleCpuMsPerModel: models ? Math.round(added / models) : null,
    loopDelayMs: { max: round(h.max / 1e6), p99: round(h.percentile(99) / 1e6), p999: round(h.percentile(99.9) / 1e6), mean: round(h.mean / 1e6, 2) },
    ...(args.queries ? { databaseCalls: topCalls() } : {}),
  };
}

const loadAtStart = loadavg().map((l) => round(l, 2));
const runs: unknown[] = [];
try {
  await getDb();
  // The pool's threads start and warm up first (the server does this at start), then the idle rate.
  await trainPool()!.run({ warmUp: true });
  await sleep(2000);
  const i0 = ticks();
  await sleep(5000);
  const idleMsPerS = (ticks() - i0) / 5;
  for (const sym of args.symbols!.split(",")) {
    const first = await measure(idleMsPerS, async () => {
      const { jobId } = await queue.enqueue(FORECAST_EVENT, { symbol: sym }, { priority: 10 });
      const result = (await waitFor(jobId)) as { models?: unknown[] };
      return { models: result.models?.length ?? 0, result };
    });
    const again = await measure(idleMsPerS, async () => {
      const { jobId } = await queue.enqueue(TRAINING_EVENT, { symbols: [sym], reason: "manual" }, { priority: 10 });
      const result = (await waitFor(jobId)) as { symbols: { models: unknown[] }[] };
      return { models: result.symbols[0]!.models.length, result };
    });
    runs.push({ symbol: sym, idleMainThreadCpuMsPerS: round(idleMsPerS), personTraining: first, retrainNoNewBars: again });
  }
} finally {
  await resetServicesForTests();
  await closeTrainPool();
  rmSync(dataDir, { recursive: true, force: true });
}
const report = JSON.stringify({ when: new Date().toISOString(), loadAtStart, loadAtEnd: loadavg().map((l) => round(l, 2)), runs }, null, 2) + "\n";
// The app's logger writes to stdout: --out keeps the figures apart.
if (args.out) writeFileSync(args.out, report);
process.stdout.write(report);
process.exit(0);
