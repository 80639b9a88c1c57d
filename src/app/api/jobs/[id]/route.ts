import { z } from "zod";
import { JOB_ID_PATTERN } from "@/lib/queue/types";
import { preflight, route } from "@/server/route";
import { cancelJob, getJobFor } from "@/server/jobs/access";

const params = z.object({ id: z.string().regex(JOB_ID_PATTERN, "must be a job id") });

// GET /api/jobs/{id}: status, progress and result of a background job (its owner or an admin)
export const GET = route({ name: "/api/jobs/[id]", params, auth: "user" }, ({ params, principal }) => getJobFor({ id: params.id, viewer: principal }));

// DELETE /api/jobs/{id}: cancels a queued or running job (its owner or an admin)
export const DELETE = route({ name: "/api/jobs/[id]", params, auth: "user" }, ({ params, principal }) => cancelJob({ id: params.id, viewer: principal }));

export const OPTIONS = preflight;
