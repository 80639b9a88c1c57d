import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { registerBodySchema } from "@/server/auth/schemas";
import { registerAccount } from "@/server/auth/service";

// POST /api/auth/register: create an account; answers with the user and an access token
export const POST = route(
  { name: "/api/auth/register", body: registerBodySchema, rateLimit: "auth", maxBodyBytes: 4096 },
  async ({ body }) => NextResponse.json(await registerAccount(body), { status: 201 }),
);
export const OPTIONS = preflight;
