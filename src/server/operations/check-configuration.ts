import "server-only";
// Every setting checked at once, before the server answers anything: the zod schema and the cross-field rules
// (src/env.ts), then the settings whose valid values live in a domain module (FORECAST_MODELS names a model in
// the model list, WEBHOOK_ALLOWED_TARGETS parses, JOB_SCHEDULES names jobs). Without this, a value that only fails on first use (a model name) leaves a server that
// starts and answers every prediction with a 500. Called by the instrumentation hook (`npm start` and
// `next start`); a problem stops the process with one message naming the variable.
import { getEnv } from "@/env";
import { parseSchedules } from "@/lib/queue/schedules";
import { jobCatalog } from "@/server/jobs";
import { configuredModels } from "@/server/registry";
import { parseAllowedTargets } from "@/server/webhooks";

/** Throws the first configuration problem, its message naming the variable. */
export function checkConfiguration(): void {
  const env = getEnv();
  configuredModels();
  parseAllowedTargets(env.WEBHOOK_ALLOWED_TARGETS);
  parseSchedules(env.JOB_SCHEDULES, jobCatalog.map((d) => d.id));
}

/** The message to print when the configuration is not valid, else null. */
export function configurationProblem(): string | null {
  try {
    checkConfiguration();
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // parseEnv's message already says "Invalid environment configuration:"; a domain check names only the variable.
    return message.startsWith("Invalid environment configuration") ? message : `Invalid environment configuration:\n  ${message}`;
  }
}
