// The operations area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { effectiveConfig } from "./effective-config";
export { performanceReport } from "./performance";
export { adminConfigSchema, performanceSchema } from "./schemas";
