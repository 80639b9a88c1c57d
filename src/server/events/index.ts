// The events area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { publishEvent, topics } from "./publish";
export type { PublishedEvent } from "./publish";
export { announceJobFailure } from "./job-failed";
