// Weekdays after the US close (once the refreshed daily bars are in), and on demand: checks every active
// price alert against the newest close.
import type { JobHandler } from "@/lib/queue/types";
import { evaluateAlerts } from "@/server/alerts/evaluate";

export const evaluateAlertsFunction: JobHandler = async ({ step, progress }) => {
  const result = await step.run("evaluate", () => evaluateAlerts());
  await progress({ value: 1, message: `${result.fired} alerts fired of ${result.alerts} active` });
  return result;
};
