import { alertIdParamsSchema } from "@/server/alerts/schemas";
import { deleteAlert } from "@/server/alerts/service";
import { preflight, route } from "@/server/route";

// DELETE /api/alerts/{id}: remove one of the caller's alerts
export const DELETE = route(
  { name: "/api/alerts/[id]", auth: "user", params: alertIdParamsSchema },
  async ({ principal, params }) => deleteAlert({ principal: principal!, id: params.id }),
);
export const OPTIONS = preflight;
