import { preflight, route } from "@/server/route";
import { notificationsStream, notificationsStreamQuerySchema } from "@/server/streams";

export const dynamic = "force-dynamic";

// GET /api/stream/notifications: Server-Sent Events of the caller's notification list: the unread count first, then each new entry and read mark
export const GET = route(
  { name: "/api/stream/notifications", auth: "user", query: notificationsStreamQuerySchema },
  async ({ req, principal }) => notificationsStream({ req, principal: principal! }),
);
export const OPTIONS = preflight;
