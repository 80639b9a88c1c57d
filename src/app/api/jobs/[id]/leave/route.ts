import { preflight, route } from "@/server/route";
import { jobParams, leaveJob } from "@/server/jobs";

// POST /api/jobs/{id}/leave: stop following a shared job someone else started (it goes on for them)
export const POST = route({ name: "/api/jobs/[id]/leave", params: jobParams, auth: "user" }, ({ params, principal }) => leaveJob({ id: params.id, viewer: principal }));

export const OPTIONS = preflight;
