import { preflight, route } from "@/server/route";
import { deliveriesQuerySchema, webhookIdParamsSchema } from "@/server/webhooks/schemas";
import { listDeliveries } from "@/server/webhooks/service";

// GET /api/webhooks/{id}/deliveries: recent deliveries with every attempt (status code, latency, error)
export const GET = route(
  { name: "/api/webhooks/[id]/deliveries", auth: "user", params: webhookIdParamsSchema, query: deliveriesQuerySchema },
  async ({ principal, params, query }) => listDeliveries({ principal: principal!, id: params.id, limit: query.limit }),
);
export const OPTIONS = preflight;
