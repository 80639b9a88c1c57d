// Every job function; served at /api/inngest and run by the in-process queue.
import type { JobFunction } from "./client";
import { computePrediction } from "./functions/compute-prediction";
import { deliverWebhook } from "./functions/deliver-webhook";
import { evaluateAlertsFunction } from "./functions/evaluate-alerts";
import { fillActualsFunction } from "./functions/fill-actuals";
import { retryWebhooks } from "./functions/retry-webhooks";
import { trainModels } from "./functions/train-models";
import { warmCache } from "./functions/warm-cache";

export const jobFunctions: JobFunction[] = [warmCache, computePrediction, trainModels, fillActualsFunction, deliverWebhook, retryWebhooks, evaluateAlertsFunction];
export const inngestFunctions = jobFunctions.map((f) => f.fn);
