// The price-history area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { assertTrainable, loadHistory } from "./load-history";
export type { History } from "./load-history";
