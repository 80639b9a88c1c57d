// Daily after the US close: fills the actual close of stored predictions whose target session is known, and
// scores the track-record ledger's entries against it.
import type { JobHandler } from "@/lib/queue/types";
import { scoreLedger } from "@/server/ledger/score";
import { fillActuals as fill } from "@/server/predictions";

export const fillActuals: JobHandler = async ({ step, progress }) => {
  await progress({ value: 0.05, message: "filling actual closes" });
  const result = await step.run("fill-actuals", () => fill());
  await progress({ value: 0.6, message: "scoring the track record" });
  const ledger = await step.run("score-ledger", () => scoreLedger());
  await progress({ value: 1, message: `filled ${result.filled} of ${result.checked} due predictions; scored ${ledger.scored} track-record entries` });
  return { ...result, ledger };
};
