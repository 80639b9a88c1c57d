import { preflight, route } from "@/server/route";
import { login, loginBodySchema } from "@/server/auth";

// POST /api/auth/login: exchange credentials for a bearer token ({ access_token, token_type, expires_at })
export const POST = route(
  { name: "/api/auth/login", body: loginBodySchema, rateLimit: "auth", maxBodyBytes: 4096 },
  async ({ body, req }) => login({ ...body, headers: req.headers }),
);
export const OPTIONS = preflight;
