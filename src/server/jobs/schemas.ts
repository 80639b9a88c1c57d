// Response schemas of the job routes (GET/DELETE /api/jobs/{id}, POST /api/jobs/{id}/leave) and of every
// route that answers 202 with a job to poll; the OpenAPI document renders them. JobView is the queue's own
// type (src/lib/queue, which never imports src/server); the check below keeps its fields and the documented
// ones identical (its `result` is the job's own JSON, `unknown` there).
import { z } from "zod";
import type { JobView } from "@/lib/queue";

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });

export const poll = z.string().meta({ description: "Job URL to poll", example: "/api/jobs/cm0abc123" });

const jobResult = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()), z.null()]).meta({ description: "The job's own output: a forecast job holds the Prediction, a training job its per-symbol summary" });
export const jobSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(["queued", "running", "done", "failed", "timeout", "cancelled", "interrupted"]),
    progress: z.number().min(0).max(1),
    message: z.string().nullable(),
    result: jobResult,
    error: z.string().nullable(),
    createdAt: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
  })
  .meta({ id: "Job" });
type Documented = Omit<z.output<typeof jobSchema>, "result">;
export const jobViewMatch: [Omit<JobView, "result">, Documented] extends [Documented, Omit<JobView, "result">] ? true : false = true;
export const jobLeftSchema = z.object({ id: z.string(), left: z.literal(true) }).meta({ id: "JobLeft" });
export const jobAcceptedSchema = z.object({ job_id: z.string(), status: z.enum(["queued", "running"]), poll: z.string() }).meta({ id: "JobAccepted" });
