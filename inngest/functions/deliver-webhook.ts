// The first attempt of a webhook delivery, right after its event was published. A receiver's failure is
// recorded on the delivery and retried by the sweep on the backoff schedule, not by job retries.
import { attemptDelivery } from "@/server/webhooks/deliveries";
import { defineJobFunction } from "../client";

export const deliverWebhook = defineJobFunction({
  id: "deliver-webhook",
  event: "webhooks/delivery.attempt",
  retries: 2,
  handler: async ({ step, data }) => {
    const outcome = await step.run("attempt", () => attemptDelivery({ deliveryId: data.deliveryId }));
    return outcome ?? { skipped: "not due or already taken" };
  },
});
