// The recommendations area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { RECOMMENDATION_COLUMNS, recommendationCsvRows } from "./csv-rows";
export { recommendations } from "./recommend";
export { recommendationSchema, recommendationsSchema } from "./schemas";
