import { preflight, route } from "@/server/route";
import { confirmPasswordReset, resetConfirmBodySchema } from "@/server/auth";

// POST /api/auth/password/reset/confirm: set a new password with the emailed link's token (single use, 1 hour)
export const POST = route(
  { name: "/api/auth/password/reset/confirm", body: resetConfirmBodySchema, rateLimit: "auth", maxBodyBytes: 4096 },
  async ({ body }) => confirmPasswordReset(body),
);
export const OPTIONS = preflight;
