import { preflight, route } from "@/server/route";
import { refreshBodySchema, refreshTokens } from "@/server/auth";

// POST /api/auth/refresh: a new access token for a refresh token, which is spent and replaced (reuse revokes the sign-in)
export const POST = route(
  { name: "/api/auth/refresh", body: refreshBodySchema, rateLimit: "auth", maxBodyBytes: 1024 },
  async ({ body }) => refreshTokens({ refreshToken: body.refresh_token }),
);
export const OPTIONS = preflight;
