// Weekdays after the US close (once the refreshed daily bars are in), and on demand: checks every active
// price alert against the newest close.
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { defineJobFunction } from "../client";

export const evaluateAlertsFunction = defineJobFunction({
  id: "evaluate-alerts",
  event: "alerts/evaluate",
  cron: "TZ=America/New_York 5 17 * * 1-5",
  retries: 2,
  handler: async ({ step, progress }) => {
    const result = await step.run("evaluate", () => evaluateAlerts());
    await progress({ value: 1, message: `${result.fired} alerts fired of ${result.alerts} active` });
    return result;
  },
});
