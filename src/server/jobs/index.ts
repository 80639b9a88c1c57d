import "server-only";
// The jobs area's front door: the app's queue over the job catalog (queue.ts), and what else other areas,
// routes, handlers and scripts may use (written by scripts/front-doors.ts; keep it to what others import).
export { queue } from "./queue";
export { cancelJob, getJobFor, jobParams, leaveJob, shareJob } from "./access";
export { DELIVERY_EVENT, FORECAST_EVENT, MAIL_SEND_EVENT, REFRESH_EVENT, TRAINING_EVENT, WARM_EVENT, jobCatalog } from "./catalog";
export type { HandlerOf, JobId } from "./catalog";
export { STALE_AFTER_MS, startJobRecovery } from "./recovery";
export { jobAcceptedSchema, jobLeftSchema, jobSchema, poll } from "./schemas";
export { withSymbolLock } from "./symbol-lock";
