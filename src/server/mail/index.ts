// The mail area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { alertMail, emailChangeMail, emailChangedMail, passwordChangedMail, passwordResetMail } from "./messages";
export { MAIL_STATUSES, listMail, queueMail, startMail } from "./outbox";
export { attemptMail, retryDueMail } from "./outbox";
