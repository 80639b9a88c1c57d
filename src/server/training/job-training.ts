import "server-only";
// A job's training of one symbol, model by model (train-in-steps.ts), with the job's progress in words:
// "waiting for background training of AAPL (about 12 s), then yours", "training model 3 of 8: Random
// Forest (about 14 s left)". Background work (warm-ups, scheduled retrains) gives up its runner slot at a
// model boundary when a person's job waits for it, and resumes from its recorded steps.
import type { JobHandlerArgs } from "@/lib/queue/types";
import type { Lane } from "@/lib/workers/pool";
import type { ModelName } from "@/server/forecast/vocabulary";
import { logger } from "@/lib/logger";
import { machineBusy } from "./estimates";
import { modelNumber, trainingProgress, waitingMessage } from "./progress";
import { progressWriter } from "./progress-writer";
import { trainSymbolInSteps, type StepPlan } from "./train-in-steps";
import { trainPool } from "./train-pool";

/** Priority of a person's request in the in-process runner; background work runs below it. */
export const USER_PRIORITY = 10;

type JobArgs = Pick<JobHandlerArgs<unknown>, "step" | "signal" | "liveProgress" | "yieldIfOutranked" | "priority" | "inProcess">;

export async function trainInJob({
  args,
  symbol,
  models,
  reason,
  background,
  onlyUntrained,
  span,
  prefix = "",
  onModel,
}: {
  args: JobArgs;
  symbol: string;
  models?: readonly string[];
  reason: "schedule" | "manual" | "first-request" | "warm";
  /** Background work: the pool's background lane, and a yield at model boundaries, until a person joins it. */
  background: boolean;
  onlyUntrained: boolean;
  span: { from: number; to: number };
  /** Put before every message (e.g. "AAPL: " in a job that trains several symbols). */
  prefix?: string;
  onModel?: (a: { model: ModelName; index: number; plan: StepPlan; value: number }) => void | Promise<void>;
}) {
  let plan: StepPlan | null = null;
  const finished = new Set<ModelName>();
  // The in-process runner trains a person's models side by side on the pool's threads.
  const width = args.inProcess ? (trainPool()?.size ?? 1) : 1;
  let value = span.from;
  const person = () => !background || args.priority() >= USER_PRIORITY;
  const lane = (): Lane => (person() ? "person" : "background");
  // Models training side by side report at once: the rows are written in the order made, at most four a second.
  const rows = progressWriter(args.liveProgress, { onError: (err) => logger.warn("training progress not recorded", { symbol, err }) });
  // While a finished model's "X ready (k of N)" goes out (its forecast so far is computed first), the rows made
  // meanwhile wait and the latest is said after it, made then (with the k of then): the count never goes back.
  let publishing = 0;
  let held: (() => string) | null = null;
  // The waits' texts are said again while they last (lanes.ts), but only while a wait is what the row shows.
  let showsWait = false;
  const waited = new Set<ModelName>();
  const say = (make: () => string, wait = false) => {
    if (publishing > 0) held = make;
    else rows.say({ value, message: `${prefix}${make()}` });
    showsWait = wait;
  };
  let publications: Promise<unknown> = Promise.resolve();
  try {
    return await trainSymbolInSteps({
      symbol,
      models,
      reason,
      step: args.step,
      signal: args.signal,
      onlyUntrained,
      lane,
      parallel: width,
      onPlan: (p) => {
        plan = p;
      },
      onProgress: (p) => {
        waited.delete(p.model);
        const pending = plan?.names.filter((m) => !finished.has(m));
        const opts = { ...span, names: plan?.names, bars: plan?.bars, pending, parallel: lane() === "person" ? width : 1 };
        // k is read when the text is made: a row held behind a "ready" counts that model too.
        const now = () => trainingProgress({ ...p, index: modelNumber({ finished: finished.size, total: p.total }) }, opts);
        // Models training side by side report out of order: the bar only moves forward.
        value = Math.max(value, now().value);
        say(() => now().message);
      },
      beforeModel: () => {
        if (!person()) args.yieldIfOutranked(`${prefix}paused: a person's training goes first; resumes after it`);
      },
      onWait: (holding, at) => {
        // The first word of this model's wait, or a refresh of the wait the row shows (re-estimated, lanes.ts).
        if (waited.has(at.model) && !showsWait) return;
        waited.add(at.model);
        say(() => waitingMessage(trainPool()?.runningTasks() ?? holding, Date.now(), { symbol, lane: lane() }, machineBusy()), true);
      },
      onModel: async (a) => {
        finished.add(a.model);
        waited.delete(a.model);
        value = Math.max(value, span.from + ((span.to - span.from) * a.index) / a.plan.names.length);
        publishing += 1;
        // One at a time, in the order the models finish: a later model's "ready" is not overwritten by an earlier one's.
        const turn = publications.then(async () => {
          // The model's own rows land first: the forecast so far (and its progress) is not followed by an older row.
          await rows.drain();
          // A step of its own: a resumed or replayed run (Inngest re-runs the function for every step) does not
          // compute and write the forecast so far again. Named like the wrapper's own bookkeeping steps.
          if (onModel) await args.step.run(`job-partial-${a.plan.symbol}-${a.model}`, async () => (await onModel({ ...a, value }), null));
        });
        publications = turn.catch(() => undefined);
        try {
          await turn;
        } finally {
          publishing -= 1;
          const next = publishing === 0 ? held : null;
          if (next) {
            held = null;
            say(next, showsWait);
          }
        }
      },
    });
  } finally {
    // Its last row lands before anything the job writes next.
    await rows.drain();
  }
}
