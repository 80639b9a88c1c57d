// Worker-thread entry (run by the training pool, never imported by the server): walk-forward backtests
// and final fits of one symbol. Progress goes back over the task's port; the cancel flag is checked at
// every model boundary.
import { threadId, type MessagePort } from "node:worker_threads";
import { trainTicker } from "@/server/forecast/train";
import type { ModelName, PriceSeries } from "@/server/forecast/types";
import type { PoolTrainResult } from "./train-pool";

export interface TrainTask {
  series: PriceSeries;
  models: ModelName[];
  ensembleMembers: ModelName[];
  version: string;
  port: MessagePort;
  cancelFlag: Int32Array;
}

export default async function train(task: TrainTask): Promise<PoolTrainResult> {
  const cancelled = () => Atomics.load(task.cancelFlag, 0) === 1;
  const result = await trainTicker({
    series: task.series,
    models: task.models,
    ensembleMembers: task.ensembleMembers,
    version: task.version,
    onProgress: (e) => {
      // A model's backtest is about to start: the boundary where a cancelled job stops.
      if (e.stage === "backtest" && cancelled()) throw Object.assign(new Error("Job cancelled"), { name: "RunCancelledError" });
      task.port.postMessage(e);
    },
  });
  return { models: result.models.map((m) => ({ artifact: m.artifact, backtest: m.backtest })), threadId };
}
