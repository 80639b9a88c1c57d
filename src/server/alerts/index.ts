// The alerts area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { alertIdParamsSchema, createAlertBodySchema, updateAlertBodySchema } from "./schemas";
export type { AlertView } from "./schemas";
export { alertedSymbols, createAlert, deleteAlert, listAlerts, updateAlert } from "./service";
export { evaluateAlerts } from "./evaluate";
export { alertListSchema, alertViewSchema } from "./schemas";
