// Worker-thread entry (run by the training pool; its messages: worker-protocol.ts): walk-forward backtests and
// final fits of one symbol. Progress goes back over the task's port; the cancel flag is checked at every model
// boundary. The same function trains on the calling thread when there is no pool.
import { threadId, type MessagePort } from "node:worker_threads";
import { endTask } from "@/lib/workers/task-end";
import { MODELS } from "@/server/forecast/model-list";
import { decodeStored, decodeVolStore, directionCalibrations, encodeStored, encodeVolStore, mergeStored, mergeVolStore, type PreparedVol, prepareVol, provideLstmTrainer, runCrossSection, shippedMarketVariance, type StoredVolPlan, tfLoaded, trainTicker } from "@/server/forecast";
import * as lstmTrainer from "@/server/forecast/models/lstm-train";
import type { ModelName, PriceSeries, StoredBacktest } from "@/server/forecast/vocabulary";
import { move, transferableSymbol, valueSymbol } from "piscina";
import { portfolioRisk, type PortfolioRisk, volPathsOf, type VolPaths } from "@/server/forecast/portfolio-risk";
import type { PoolTrainResult, RiskTask, TrainEvent, TrainInput, WarmUpResult, WorkerResult, WorkerTask } from "./worker-protocol";

// A worker thread loads this file through tsx's require hook, where import() of a .ts file fails: the
// LSTM's training loop is handed over from this static import instead (the worker trains anyway).
provideLstmTrainer(lstmTrainer);

// A job trains one model per task: every task of a symbol would make the same volatility plan again (0.3 s
// from the stored fits, seconds from none). The thread keeps the last few, keyed by the bars they came from
// and by the stored plan they leave behind: a task whose store does not hold that plan (wiped, or another
// version's) makes its own, so the store is always written in full.
const PLAN_MEMO_SIZE = 4;
const planMemo = new Map<string, PreparedVol>();
const planKey = (s: PriceSeries, stored: StoredVolPlan | null | undefined) => {
  let sum = 0;
  for (let i = 0; i < s.close.length; i++) sum += s.close[i] * ((i % 7) + 1);
  const store = stored ? `${stored.configHash}:${stored.fits.length}:${stored.finals.length}` : "none";
  // The filed earnings releases shape the plan's event term: a plan made without them is not one made with them.
  const filed = s.filed?.map((f) => f.filedAt).join(",") ?? "";
  return `${s.symbol}:${s.dates.length}:${s.dates[0]}:${s.dates[s.dates.length - 1]}:${sum}:${store}:${filed}`;
};

/** The plan for these bars: made here, or the one this thread made for the same bars and store (nothing to store again). */
function preparedFor(o: Omit<TrainInput, "volStored"> & { volStored?: StoredVolPlan; market: ReturnType<typeof shippedMarketVariance> }): PreparedVol {
  const hit = planMemo.get(planKey(o.series, o.volStored));
  if (hit) {
    const st = hit.volPlan.store;
    return { vol: hit.vol, volPlan: { ...hit.volPlan, store: { ...st, computed: [], reused: st.reused + st.computed.length, finalsComputed: 0 } } };
  }
  const made = prepareVol({ series: o.series, market: o.market, volStored: o.volStored });
  const left = mergeVolStore({ before: o.volStored, update: made.volPlan.store }) ?? o.volStored;
  planMemo.set(planKey(o.series, left), made);
  if (planMemo.size > PLAN_MEMO_SIZE) planMemo.delete(planMemo.keys().next().value!);
  return made;
}

const cancelledError = () => Object.assign(new Error("Job cancelled"), { name: "RunCancelledError" });

export async function trainHere(o: TrainInput & { onProgress?: (e: TrainEvent) => void; isCancelled?: () => boolean }): Promise<PoolTrainResult> {
  // Read from the shipped data once per thread (memoized).
  const market = shippedMarketVariance();
  // The stored state arrives as the rows' gzip bytes (or, from a row written before them, as the state itself).
  const stored: Partial<Record<ModelName, StoredBacktest>> = {};
  for (const [m, s] of Object.entries(o.stored ?? {})) stored[m as ModelName] = s instanceof Uint8Array ? decodeStored(s) : s;
  const volStored = o.volStored instanceof Uint8Array ? decodeVolStore(o.volStored) : o.volStored;
  const result = await trainTicker({
    // The thread's own module graph: the model list is handed to the engine here, as serving gets it from the registry.
    specs: MODELS,
    series: o.series,
    models: o.models,
    ensembleMembers: o.ensembleMembers,
    version: o.version,
    stored,
    volStored,
    market,
    prepared: preparedFor({ ...o, volStored, market }),
    onProgress: (e) => {
      // A model's backtest is about to start: the boundary where a cancelled job stops.
      if (e.stage === "backtest" && o.isCancelled?.()) throw cancelledError();
      o.onProgress?.(e);
    },
  });
  // Everything the server's thread would compute from the backtests and updates is computed here: the state to
  // write (merged, serialized and compressed), the counts it reports, the direction calibrations it stores.
  const stores = result.stores.map(({ model, update, finalReused }) => {
    const next = mergeStored({ before: stored[model], update });
    const save = next ? { configHash: next.configHash, stateGz: encodeStored(next) } : null;
    return { model, computed: update.computed.length, reused: update.reused, fitsMade: update.fitsMade, finalReused, save };
  });
  const v = result.volStore;
  const nextVol = mergeVolStore({ before: volStored, update: v });
  const volStore = { computed: v.computed.length, reused: v.reused, finalsComputed: v.finalsComputed, save: nextVol ? { configHash: nextVol.configHash, stateGz: encodeVolStore(nextVol) } : null };
  const models = result.models.map((m) => ({ artifact: m.artifact, calibrations: directionCalibrations(m.backtest) }));
  return { models, stores, volStore, threadId };
}

/**
 * The warm-up task the server sends once at start: the thread has loaded the engine by now; this computes the
 * market term, so the first training pays none. TensorFlow.js is not loaded here: only an LSTM fit needs it
 * (~0.7 s of CPU to load), and at start it would hold the cores while the first baseline waits.
 */
function warmUp(): Promise<WarmUpResult> {
  return Promise.resolve({ threadId, market: shippedMarketVariance(), tfjs: tfLoaded() });
}

export function riskHere(task: RiskTask): VolPaths | PortfolioRisk {
  if ("portfolioRisk" in task) return portfolioRisk(task.portfolioRisk);
  const market = shippedMarketVariance();
  const { series, volStored } = task.volPaths;
  return volPathsOf({ series, prepared: preparedFor({ series, volStored, market, models: [], ensembleMembers: [], version: "" }) });
}

/** The result with its stored-state bytes transferred to the server's thread, not copied. */
function movedBytes(r: PoolTrainResult): PoolTrainResult {
  const buffers = [...r.stores.map((s) => s.save), r.volStore.save].flatMap((s) => (s ? [s.stateGz.buffer as ArrayBuffer] : []));
  return move({ [transferableSymbol]: buffers, [valueSymbol]: r }) as unknown as PoolTrainResult;
}

export default function train(task: WorkerTask & { port: MessagePort; cancelFlag: Int32Array }): Promise<WorkerResult> {
  if ("warmUp" in task) return warmUp();
  if ("volPaths" in task || "portfolioRisk" in task) return Promise.resolve(riskHere(task));
  // The weekly cross-sectional forecast (src/server/predictions/cross-section.ts): seconds of CPU, off the server's thread.
  if ("crossSection" in task) return Promise.resolve(runCrossSection({ series: task.crossSection, market: shippedMarketVariance() }));
  // TASK_END after the last progress message (task-end.ts): the pool hands the result back once it arrives, so
  // no message ("done" included) is lost to the result arriving first on piscina's own channel, and the thread
  // is free at once (waiting for the port's close held it idle for a second after every task).
  return trainHere({ ...task, onProgress: (e) => task.port.postMessage(e), isCancelled: () => Atomics.load(task.cancelFlag, 0) === 1 })
    .then(movedBytes)
    .finally(() => endTask(task.port));
}
