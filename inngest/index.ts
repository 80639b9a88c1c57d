// Every job function; served at /api/inngest and run by the in-process queue.
import type { JobFunction } from "./client";
import { computePrediction } from "./functions/compute-prediction";
import { fillActualsFunction } from "./functions/fill-actuals";
import { trainModels } from "./functions/train-models";
import { warmCache } from "./functions/warm-cache";

export const jobFunctions: JobFunction[] = [warmCache, computePrediction, trainModels, fillActualsFunction];
export const inngestFunctions = jobFunctions.map((f) => f.fn);
