import { preflight, route } from "@/server/route";
import { cancelJob, getJobFor, jobParams } from "@/server/jobs";

// GET /api/jobs/{id}: status, progress and result of a background job (its owner or an admin)
export const GET = route({ name: "/api/jobs/[id]", params: jobParams, auth: "user" }, ({ params, principal }) => getJobFor({ id: params.id, viewer: principal }));

// DELETE /api/jobs/{id}: cancels a queued or running job (whoever started it, or an admin; 403 for a joiner)
export const DELETE = route({ name: "/api/jobs/[id]", params: jobParams, auth: "user" }, ({ params, principal }) => cancelJob({ id: params.id, viewer: principal }));

export const OPTIONS = preflight;
