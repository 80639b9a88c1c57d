import { preflight, route } from "@/server/route";
import { deliveriesQuerySchema, listDeliveries, webhookIdParamsSchema } from "@/server/webhooks";

// GET /api/webhooks/{id}/deliveries: recent deliveries with every attempt (status code, latency, error)
export const GET = route(
  { name: "/api/webhooks/[id]/deliveries", auth: "user", params: webhookIdParamsSchema, query: deliveriesQuerySchema },
  async ({ principal, params, query }) => listDeliveries({ principal: principal!, id: params.id, limit: query.limit }),
);
export const OPTIONS = preflight;
