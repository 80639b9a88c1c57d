import "server-only";
// The app's queue (`import { queue } from "@/server/jobs"`): the app's queue over the job catalog, typed by it:
// `queue.enqueue(FORECAST_EVENT, { symbol })` names a catalog event and passes that event's payload. Built on
// first use; the handlers are bound from the top (src/handlers), so a job poll loads none of the job code.
import { createQueue } from "@/lib/queue";
import { jobCatalog, type payloads } from "./catalog";

export const queue = createQueue<typeof payloads>({ jobs: jobCatalog });
