// The notifications area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { announceCreated } from "./announce";
export { pruneNotifications } from "./prune";
export type { PruneResult } from "./prune";
export { heldUntil, toClock } from "./quiet-hours";
export { markReadBodySchema, notificationsQuerySchema, settingsBodySchema } from "./schemas";
export type { NotificationList, NotificationView, SettingsView } from "./schemas";
export { getSettingsFor, listNotifications, listNotificationsFor, markRead, putSettingsFor, quietHoursOf, settingsOf, toNotificationView, unreadCount } from "./service";
export { markReadResultSchema, notificationListSchema, settingsViewSchema } from "./schemas";
