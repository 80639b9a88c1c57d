import { preflight, route } from "@/server/route";
import { predictionsStream, predictionsStreamQuerySchema } from "@/server/streams";

export const dynamic = "force-dynamic";

// GET /api/stream/predictions: Server-Sent Events of prediction.updated, resumable with Last-Event-ID
export const GET = route(
  { name: "/api/stream/predictions", auth: "user", query: predictionsStreamQuerySchema },
  async ({ req, principal, query }) => predictionsStream({ req, principal: principal!, symbols: query.symbols }),
);
export const OPTIONS = preflight;
