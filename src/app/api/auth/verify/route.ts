import { preflight, route } from "@/server/route";
import { describePrincipal } from "@/server/auth";

// GET /api/auth/verify: 200 { valid: true, ... } for valid credentials, 401 otherwise
export const GET = route({ name: "/api/auth/verify", auth: "user" }, async ({ principal }) => ({
  valid: true,
  ...(await describePrincipal({ principal: principal! })),
}));
export const OPTIONS = preflight;
