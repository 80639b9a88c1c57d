// Daily after the US close: fills the actual close of stored predictions whose target session is known.
import { fillActuals } from "@/server/predictions/actuals";
import { defineJobFunction } from "../client";

export const fillActualsFunction = defineJobFunction({
  id: "fill-actuals",
  event: "predictions/actuals.fill",
  cron: "TZ=America/New_York 30 18 * * 1-5",
  retries: 2,
  handler: async ({ step, progress }) => {
    await progress({ value: 0.05, message: "filling actual closes" });
    const result = await step.run("fill-actuals", () => fillActuals());
    await progress({ value: 1, message: `filled ${result.filled} of ${result.checked} due predictions` });
    return result;
  },
});
