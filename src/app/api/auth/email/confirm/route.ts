import { preflight, route } from "@/server/route";
import { confirmEmailChange, emailConfirmBodySchema } from "@/server/auth";

// POST /api/auth/email/confirm: the new address's link (single use, 24 hours); the account moves to it
export const POST = route(
  { name: "/api/auth/email/confirm", body: emailConfirmBodySchema, rateLimit: "auth", maxBodyBytes: 1024 },
  async ({ body }) => confirmEmailChange(body),
);
export const OPTIONS = preflight;
