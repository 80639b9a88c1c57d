import { preflight, route } from "@/server/route";
import { getSettingsFor, putSettingsFor, settingsBodySchema } from "@/server/notifications";

// GET /api/notifications/settings: the caller's quiet hours
export const GET = route({ name: "/api/notifications/settings", auth: "user" }, async ({ principal }) => getSettingsFor({ principal: principal! }));

// PUT /api/notifications/settings: set quiet hours ({ quietHours: { start, end, timeZone } }) or switch them off (null)
export const PUT = route({ name: "/api/notifications/settings", auth: "user", body: settingsBodySchema, maxBodyBytes: 1024 }, async ({ principal, body }) =>
  putSettingsFor({ principal: principal!, quietHours: body.quietHours }),
);
export const OPTIONS = preflight;
