import { preflight, route } from "@/server/route";
import { alertsStream, alertsStreamQuerySchema } from "@/server/streams";

export const dynamic = "force-dynamic";

// GET /api/stream/alerts: Server-Sent Events of the caller's alert.triggered, its alerts first
export const GET = route(
  { name: "/api/stream/alerts", auth: "user", query: alertsStreamQuerySchema },
  async ({ req, principal }) => alertsStream({ req, principal: principal! }),
);
export const OPTIONS = preflight;
