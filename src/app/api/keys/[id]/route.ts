import { preflight, route } from "@/server/route";
import { keyIdParamsSchema, revokeKeyFor } from "@/server/auth";

// DELETE /api/keys/{id}: revoke one of the caller's keys; it stops working immediately
export const DELETE = route(
  { name: "/api/keys/[id]", auth: "user", params: keyIdParamsSchema },
  async ({ principal, params }) => revokeKeyFor({ principal: principal!, id: params.id }),
);
export const OPTIONS = preflight;
