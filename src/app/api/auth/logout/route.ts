import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { bearerToken } from "@/server/auth/principal";
import { logout, SESSION_COOKIE_PATTERN } from "@/server/auth/service";

// POST /api/auth/logout: revokes the bearer token and clears the session cookie
export const POST = route({ name: "/api/auth/logout", auth: "optional" }, async ({ req }) => {
  const res = NextResponse.json(await logout({ bearer: bearerToken(req) }));
  for (const c of req.cookies.getAll()) {
    if (SESSION_COOKIE_PATTERN.test(c.name)) res.cookies.set(c.name, "", { maxAge: 0, path: "/" });
  }
  return res;
});
export const OPTIONS = preflight;
