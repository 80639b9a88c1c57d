import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { emailChangeBodySchema, requestEmailChangeFor } from "@/server/auth";

// POST /api/auth/email: change the email address (password required); takes effect when the new address confirms its link
export const POST = route(
  { name: "/api/auth/email", auth: "user", body: emailChangeBodySchema, rateLimit: "auth", maxBodyBytes: 4096 },
  async ({ principal, body }) => NextResponse.json(await requestEmailChangeFor({ principal: principal!, ...body }), { status: 202 }),
);
export const OPTIONS = preflight;
