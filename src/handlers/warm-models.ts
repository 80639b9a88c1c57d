// Warm-up in the background (src/server/training/warm-models.ts): one symbol per run, then the next symbol's
// run is queued at the same low priority. Models are trained one per step in the pool's background lane; at
// each model boundary the run gives its slot to a person's job waiting for one and resumes later from its
// recorded steps (nothing is computed twice). The run ends with the symbol's forecast cached and as its result
// (plus `warm`: what the warm-up did), like a forecast job, since a person who asked for the symbol meanwhile
// polls this job for it.
import { AppError } from "@/lib/errors";
import { forecastMemo, predictAndCache, predictFromActive, type PartialForecast, type WarmJobResult } from "@/server/predictions";
import { queueNextWarm, trainInJob, warmCheck } from "@/server/training";
import type { WARM_EVENT, HandlerOf } from "@/server/jobs";

export const warmModels: HandlerOf<typeof WARM_EVENT, WarmJobResult, PartialForecast> = async (args) => {
  const { step, progress, data } = args;
  await progress({ value: 0, message: `warming ${data.symbol}` });
  const check = await step.run(`check-${data.symbol}`, () => warmCheck({ symbol: data.symbol }));
  let result: Record<string, unknown> = check ?? {};
  // The forecasts made so far: each partial forecast computes only the model just trained.
  const memo = forecastMemo();
  if (!check) {
    const started = Date.now();
    const r = await trainInJob({
      args,
      symbol: data.symbol,
      reason: "warm",
      background: true,
      onlyUntrained: true,
      span: { from: 0, to: 0.95 },
      prefix: `${data.symbol}: `,
      // Someone who joined this warm-up sees the models as they finish, as in their own job.
      onModel: async ({ plan, value, index }) => {
        const partial = await predictFromActive({ symbol: plan.symbol, memo });
        if (partial) await args.liveResult({ value, message: `${data.symbol}: ${index} of ${plan.names.length} models ready`, result: partial });
      },
    }).catch((err: unknown) => {
      // A symbol that cannot be trained must not stop the warm-up of the others; a cancel or a yield stops this run.
      const name = (err as Error)?.name;
      if (name === "RunCancelledError" || name === "JobYieldedError" || args.signal.aborted) throw err;
      return { symbol: data.symbol, error: err instanceof AppError ? err.message : "training failed" };
    });
    result = "error" in r ? r : { symbol: r.symbol, version: r.version, totalMs: Date.now() - started, models: r.models.length };
  }
  const next = await step.run("queue-next", () => queueNextWarm({ then: data.then, current: args.jobId }));
  // The job fails (after queueing the next symbol) rather than ending "done" without a forecast.
  if ("error" in result) throw Object.assign(new Error(`Warming ${data.symbol} failed: ${String(result.error)}`), { name: "NonRetriableError" });
  const warm = { ...result, next };
  // A person's forecast job trains the symbol: that job's result is its forecast.
  if (result.skipped === "training for a request") return { symbol: data.symbol, warm };
  await progress({ value: 0.96, message: `${data.symbol}: predicting` });
  const prediction = await step.run("predict", () => predictAndCache({ symbol: data.symbol, memo }));
  await progress({ value: 1, message: `warmed ${data.symbol}` });
  return { ...prediction, warm };
};
