import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { registerAccount, registerBodySchema } from "@/server/auth";

// POST /api/auth/register: create an account; answers with the user and an access token
export const POST = route(
  { name: "/api/auth/register", body: registerBodySchema, rateLimit: "auth", maxBodyBytes: 4096 },
  async ({ body }) => NextResponse.json(await registerAccount(body), { status: 201 }),
);
export const OPTIONS = preflight;
