// Daily after the US close: fills the actual close of stored predictions whose target session is known.
import type { JobHandler } from "@/lib/queue/types";
import { fillActuals as fill } from "@/server/predictions/actuals";

export const fillActuals: JobHandler = async ({ step, progress }) => {
  await progress({ value: 0.05, message: "filling actual closes" });
  const result = await step.run("fill-actuals", () => fill());
  await progress({ value: 1, message: `filled ${result.filled} of ${result.checked} due predictions` });
  return result;
};
