import { preflight, route } from "@/server/route";
import { notificationsStreamQuerySchema } from "@/server/streams/schemas";
import { notificationsStream } from "@/server/streams/streams";

export const dynamic = "force-dynamic";

// GET /api/stream/notifications: Server-Sent Events of the caller's notification list: the unread count first, then each new entry and read mark
export const GET = route(
  { name: "/api/stream/notifications", auth: "user", query: notificationsStreamQuerySchema },
  async ({ req, principal }) => notificationsStream({ req, principal: principal! }),
);
export const OPTIONS = preflight;
