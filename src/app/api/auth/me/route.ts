import { preflight, route } from "@/server/route";
import { describePrincipal } from "@/server/auth/service";

// GET /api/auth/me: the caller's account and how it authenticated
export const GET = route({ name: "/api/auth/me", auth: "user" }, async ({ principal }) =>
  describePrincipal({ principal: principal! }),
);
export const OPTIONS = preflight;
