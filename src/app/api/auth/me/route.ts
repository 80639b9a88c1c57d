import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { clearSessionCookies, deleteAccountBodySchema, deleteAccountFor, describePrincipal } from "@/server/auth";

// GET /api/auth/me: the caller's account and how it authenticated
export const GET = route({ name: "/api/auth/me", auth: "user" }, async ({ principal }) =>
  describePrincipal({ principal: principal! }),
);

// DELETE /api/auth/me: delete the account (password required) and everything it owned; the session cookie is cleared
export const DELETE = route(
  { name: "/api/auth/me", auth: "user", body: deleteAccountBodySchema, rateLimit: "auth", maxBodyBytes: 4096 },
  async ({ principal, body, req }) => {
    return clearSessionCookies(req, NextResponse.json(await deleteAccountFor({ principal: principal!, password: body.password })));
  },
);
export const OPTIONS = preflight;
