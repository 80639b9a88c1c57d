import { preflight, route } from "@/server/route";
import { markRead, markReadBodySchema } from "@/server/notifications";

// POST /api/notifications/read: mark entries read, by id ({ ids }) or everything ({ all: true })
export const POST = route({ name: "/api/notifications/read", auth: "user", body: markReadBodySchema, maxBodyBytes: 8192 }, async ({ principal, body }) =>
  markRead({ principal: principal!, ...(body.all ? { all: true } : { ids: body.ids }) }),
);
export const OPTIONS = preflight;
