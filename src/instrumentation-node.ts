// The Node.js server's start-up (run by src/instrumentation.ts in the Node.js runtime only): fail fast on a bad
// setting, bind the job handlers, start the schedules, probe connectivity, warm the training threads and the
// cache, open the database and queue the first start's warm-up. A file of its own so the edge build never
// compiles it (it exits the process and writes to stderr, which the edge runtime lacks).
export async function registerNode(): Promise<void> {
  // Fail fast: a bad setting stops the process here, before `npm start` listens (scripts/serve.mjs awaits this
  // hook before listening; `next start` runs it just after), instead of a server that answers every request
  // with a 500. One message naming the variable, no stack trace, a non-zero exit for the supervisor.
  const { configurationProblem } = await import("@/server/operations/check-configuration");
  const problem = configurationProblem();
  if (problem) {
    process.stderr.write(`Stock Hub cannot start. ${problem}\n`);
    process.exit(1);
  }
  // The job handlers are bound to the catalog here, once for the process (every route's queue finds them).
  (await import("@/handlers")).bindJobHandlers();
  const { queue } = await import("@/server/jobs");
  queue.startSchedules();
  const { getDb } = await import("@/lib/db");
  const { logger } = await import("@/lib/logger");
  // Not awaited: one DNS lookup tells whether live market data is reachable; offline, every request serves the
  // shipped set at once instead of each waiting for its own failure (src/server/market/online.ts).
  import("@/server/market")
    .then((m) => m.probeAtStart())
    .catch((err: unknown) => logger.warn("connectivity probe failed", { err }));
  // Not awaited (the first request must not wait): the training threads' start (engine load)
  // and the forecasts' market term are paid now, off the thread serving HTTP (src/server/training/warm-start.ts);
  // then the trained watchlist symbols' forecasts go into the (empty) cache (src/server/predictions/prime.ts).
  import("@/server/training")
    .then((m) => m.warmStart())
    .then(async (shape) => {
      if (shape === "embedded") await (await import("@/server/predictions")).primeForecasts();
    })
    .catch((err: unknown) => logger.warn("warm start failed", { err }));
  // Not awaited: a database that is down must not stop the server; /api/status reports it and the next
  // query retries the connection.
  getDb()
    .then(async () => {
      // Jobs a killed or crashed process left "running" are marked interrupted (at once on the embedded
      // database, within seconds on a shared one), so readiness stops saying "training" and a retrain can start.
      (await import("@/server/jobs")).startJobRecovery();
      // First start of the embedded shape: train the watchlist in the background (WARM_MODELS, default on).
      const { startWarmModels } = await import("@/server/training");
      await startWarmModels().catch((err: unknown) => logger.error("warming models failed to start", { err }));
    })
    .catch((err: unknown) => logger.error("database unavailable at start-up", { err }));
}
