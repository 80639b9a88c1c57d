import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { requestPasswordResetEvenly, resetRequestBodySchema } from "@/server/auth";

// POST /api/auth/password/reset: mail a reset link; always 202, whether or not the address has an account
export const POST = route(
  { name: "/api/auth/password/reset", body: resetRequestBodySchema, rateLimit: "auth", maxBodyBytes: 1024 },
  async ({ body }) => NextResponse.json(await requestPasswordResetEvenly(body), { status: 202 }),
);
export const OPTIONS = preflight;
