// The first attempt of a webhook delivery, right after its event was published. A receiver's failure is
// recorded on the delivery and retried by the sweep on the backoff schedule, not by job retries.
import { attemptDelivery } from "@/server/webhooks";
import type { DELIVERY_EVENT, HandlerOf } from "@/server/jobs";

export const deliverWebhook: HandlerOf<typeof DELIVERY_EVENT> = async ({ step, data }) => {
  const outcome = await step.run("attempt", () => attemptDelivery({ deliveryId: data.deliveryId }));
  return outcome ?? { skipped: "not due or already taken" };
};
