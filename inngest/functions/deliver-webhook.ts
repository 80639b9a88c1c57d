// The first attempt of a webhook delivery, right after its event was published. A receiver's failure is
// recorded on the delivery and retried by the sweep on the backoff schedule, not by job retries.
import type { z } from "zod";
import type { JobHandler } from "@/lib/queue/types";
import { attemptDelivery } from "@/server/webhooks/deliveries";
import type { events } from "../events";

export const deliverWebhook: JobHandler<z.output<(typeof events)["webhooks/delivery.attempt"]>> = async ({ step, data }) => {
  const outcome = await step.run("attempt", () => attemptDelivery({ deliveryId: data.deliveryId }));
  return outcome ?? { skipped: "not due or already taken" };
};
