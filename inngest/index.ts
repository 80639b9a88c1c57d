// Every job, provider-neutral: the trigger, schedule and retries, and the module holding the handler
// (imported on a job's first run). The queue receives this list; /api/inngest serves the same jobs.
import { defineJob } from "@/lib/queue/define";
import type { JobDefinition } from "@/lib/queue/types";
import { events } from "./events";

export const jobDefinitions: readonly JobDefinition[] = [
  defineJob({
    id: "warm-cache",
    event: "market/cache.warm",
    schema: events["market/cache.warm"],
    cron: "TZ=America/New_York */15 9-16 * * 1-5",
    retries: 2,
    load: async () => (await import("./functions/warm-cache")).warmCache,
  }),
  defineJob({
    id: "compute-prediction",
    event: "predictions/forecast.requested",
    schema: events["predictions/forecast.requested"],
    retries: 1,
    load: async () => (await import("./functions/compute-prediction")).computePrediction,
  }),
  defineJob({
    id: "train-models",
    event: "models/training.requested",
    schema: events["models/training.requested"],
    cron: "TZ=UTC 0 3 * * 0",
    retries: 1,
    load: async () => (await import("./functions/train-models")).trainModels,
  }),
  defineJob({
    id: "warm-models",
    event: "models/warm.requested",
    schema: events["models/warm.requested"],
    retries: 1,
    load: async () => (await import("./functions/warm-models")).warmModels,
  }),
  defineJob({
    id: "fill-actuals",
    event: "predictions/actuals.fill",
    schema: events["predictions/actuals.fill"],
    cron: "TZ=America/New_York 30 18 * * 1-5",
    retries: 2,
    load: async () => (await import("./functions/fill-actuals")).fillActuals,
  }),
  defineJob({
    id: "deliver-webhook",
    event: "webhooks/delivery.attempt",
    schema: events["webhooks/delivery.attempt"],
    retries: 2,
    load: async () => (await import("./functions/deliver-webhook")).deliverWebhook,
  }),
  defineJob({
    id: "send-mail",
    event: "mail/message.send",
    schema: events["mail/message.send"],
    retries: 0,
    load: async () => (await import("./functions/send-mail")).sendMail,
  }),
  defineJob({
    id: "retry-mail",
    event: "mail/messages.retry",
    schema: events["mail/messages.retry"],
    cron: "* * * * *",
    retries: 0,
    load: async () => (await import("./functions/retry-mail")).retryMail,
  }),
  defineJob({
    id: "retry-webhooks",
    event: "webhooks/deliveries.retry",
    schema: events["webhooks/deliveries.retry"],
    cron: "* * * * *",
    retries: 1,
    load: async () => (await import("./functions/retry-webhooks")).retryWebhooks,
  }),
  defineJob({
    id: "refresh-market",
    event: "market/daily.refresh",
    schema: events["market/daily.refresh"],
    // 22:15 UTC: at least an hour after the 16:00 New York close in both EST and EDT.
    cron: "TZ=UTC 15 22 * * 1-5",
    retries: 1,
    load: async () => (await import("./functions/refresh-market")).refreshMarket,
  }),
] as JobDefinition[];
