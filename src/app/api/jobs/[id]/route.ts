import { z } from "zod";
import { notFound } from "@/lib/errors";
import { queue } from "@/lib/queue";
import { preflight, route } from "@/server/route";
import { JOB_ID_PATTERN } from "@/server/jobs/types";

// GET /api/jobs/{id}: status, progress and result of a background job
export const GET = route(
  { name: "/api/jobs/[id]", params: z.object({ id: z.string().regex(JOB_ID_PATTERN, "must be a job id") }) },
  async ({ params }) => {
    const job = await queue.getJob(params.id);
    if (!job) throw notFound(`Job ${params.id} not found`);
    return job;
  },
);
export const OPTIONS = preflight;
