// Every job function; served at /api/inngest and run by the in-process queue.
import type { JobFunction } from "./client";
import { warmCache } from "./functions/warm-cache";

export const jobFunctions: JobFunction[] = [warmCache];
export const inngestFunctions = jobFunctions.map((f) => f.fn);
