import { preflight, route } from "@/server/route";
import { sendTestEvent, webhookIdParamsSchema } from "@/server/webhooks";

// POST /api/webhooks/{id}/test: send a signed webhook.test event now and report the attempt
export const POST = route(
  { name: "/api/webhooks/[id]/test", auth: "user", params: webhookIdParamsSchema },
  async ({ principal, params }) => sendTestEvent({ principal: principal!, id: params.id }),
);
export const OPTIONS = preflight;
