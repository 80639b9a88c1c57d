// Every minute: retries the webhook deliveries whose backoff has elapsed (about 8 attempts over a day).
import { retryDueDeliveries } from "@/server/webhooks/deliveries";
import { defineJobFunction } from "../client";

export const retryWebhooks = defineJobFunction({
  id: "retry-webhooks",
  event: "webhooks/deliveries.retry",
  cron: "* * * * *",
  retries: 1,
  handler: async ({ step }) => step.run("retry-due", () => retryDueDeliveries()),
});
