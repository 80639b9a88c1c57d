import { preflight, route } from "@/server/route";
import { changePasswordBodySchema, changePasswordFor } from "@/server/auth";

// POST /api/auth/password: change the password (current one required); every other session and token is signed out
export const POST = route(
  { name: "/api/auth/password", auth: "user", body: changePasswordBodySchema, rateLimit: "auth", maxBodyBytes: 4096 },
  async ({ principal, body }) => changePasswordFor({ principal: principal!, ...body }),
);
export const OPTIONS = preflight;
