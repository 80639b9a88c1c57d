// JOB_SCHEDULES: an operator's replacement for a job's own schedule, e.g.
//   JOB_SCHEDULES="evaluate-alerts=TZ=America/New_York 10 17 * * 1-5;retry-webhooks=*/5 * * * *"
// Entries are separated by ";" (cron lists use ","), each "job id=cron expression" (the first "=" separates).
// Applies to both backends: the in-process timers and the Inngest functions' cron triggers.
import { parseCron } from "./cron";

/** Cron expressions by job id; throws a message naming JOB_SCHEDULES for an unknown id or a bad expression. */
export function parseSchedules(text: string | undefined, jobIds: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of (text ?? "").split(";").map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.indexOf("=");
    const id = eq === -1 ? entry : entry.slice(0, eq).trim();
    const cron = eq === -1 ? "" : entry.slice(eq + 1).trim();
    if (!jobIds.includes(id)) throw new Error(`JOB_SCHEDULES: "${id}" is not a job; the jobs are ${jobIds.join(", ")}`);
    try {
      parseCron(cron);
    } catch (err) {
      throw new Error(`JOB_SCHEDULES: ${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    out[id] = cron;
  }
  return out;
}

/** The schedule a job runs on: the operator's replacement, else its own. */
export const scheduleOf = (def: { id: string; cron?: string }, schedules: Record<string, string>): string | undefined => schedules[def.id] ?? def.cron;
