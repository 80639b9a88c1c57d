import { preflight, route } from "@/server/route";
import { listNotificationsFor, notificationsQuerySchema } from "@/server/notifications";

// GET /api/notifications: the caller's in-app notifications, newest first, a page at a time (?unread=true, ?before=)
export const GET = route({ name: "/api/notifications", auth: "user", query: notificationsQuerySchema }, async ({ principal, query }) =>
  listNotificationsFor({ principal: principal!, ...query }),
);
export const OPTIONS = preflight;
