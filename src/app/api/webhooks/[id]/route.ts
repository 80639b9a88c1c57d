import { preflight, route } from "@/server/route";
import { deleteWebhook, getWebhook, updateWebhook, updateWebhookBodySchema, webhookIdParamsSchema } from "@/server/webhooks";

// GET /api/webhooks/{id}: one of the caller's endpoints
export const GET = route(
  { name: "/api/webhooks/[id]", auth: "user", params: webhookIdParamsSchema },
  async ({ principal, params }) => getWebhook({ principal: principal!, id: params.id }),
);

// PATCH /api/webhooks/{id}: change the url or events, or switch the endpoint off and on
export const PATCH = route(
  { name: "/api/webhooks/[id]", auth: "user", params: webhookIdParamsSchema, body: updateWebhookBodySchema, maxBodyBytes: 4096 },
  async ({ principal, params, body }) => updateWebhook({ principal: principal!, id: params.id, ...body }),
);

// DELETE /api/webhooks/{id}: remove an endpoint and its delivery log
export const DELETE = route(
  { name: "/api/webhooks/[id]", auth: "user", params: webhookIdParamsSchema },
  async ({ principal, params }) => deleteWebhook({ principal: principal!, id: params.id }),
);
export const OPTIONS = preflight;
