import { alertIdParamsSchema, deleteAlert, updateAlert, updateAlertBodySchema } from "@/server/alerts";
import { preflight, route } from "@/server/route";

// PATCH /api/alerts/{id}: change where one of the caller's alerts goes, or pause it
export const PATCH = route(
  { name: "/api/alerts/[id]", auth: "user", params: alertIdParamsSchema, body: updateAlertBodySchema, maxBodyBytes: 1024 },
  async ({ principal, params, body }) => updateAlert({ principal: principal!, id: params.id, ...body }),
);

// DELETE /api/alerts/{id}: remove one of the caller's alerts
export const DELETE = route(
  { name: "/api/alerts/[id]", auth: "user", params: alertIdParamsSchema },
  async ({ principal, params }) => deleteAlert({ principal: principal!, id: params.id }),
);
export const OPTIONS = preflight;
