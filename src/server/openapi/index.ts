// The openapi area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
export { buildDocument } from "./document";
export type { RouteModuleEntry } from "./document";
