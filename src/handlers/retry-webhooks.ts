// Every minute: retries the webhook deliveries whose backoff has elapsed (about 8 attempts over a day).
import type { JobHandler } from "@/lib/queue/types";
import { retryDueDeliveries } from "@/server/webhooks";

export const retryWebhooks: JobHandler = async ({ step }) => step.run("retry-due", () => retryDueDeliveries());
