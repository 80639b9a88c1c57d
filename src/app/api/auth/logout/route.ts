import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { bearerToken, clearSessionCookies, logout, logoutBodySchema } from "@/server/auth";

// POST /api/auth/logout: revokes the bearer token (and a refresh token given in the body) and clears the session cookie
export const POST = route({ name: "/api/auth/logout", auth: "optional", body: logoutBodySchema, maxBodyBytes: 1024 }, async ({ req, body }) => {
  return clearSessionCookies(req, NextResponse.json(await logout({ bearer: bearerToken(req), refreshToken: body.refresh_token })));
});
export const OPTIONS = preflight;
