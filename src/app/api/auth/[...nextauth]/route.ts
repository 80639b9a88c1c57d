// next-auth's own endpoints (/api/auth/signin, /callback/credentials, /session, /csrf, /signout, ...).
// The static folders beside this one (register, login, me, verify, logout) take precedence over the catch-all.
import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { getAuthOptions } from "@/server/auth/next-auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth answers unknown actions and its own failures in plain text that names its configured URL; under
// /api every error is the standard JSON body instead, and says nothing about the deployment.
async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  let res: Response;
  try {
    res = await NextAuth(req, ctx, getAuthOptions());
  } catch {
    return NextResponse.json({ error: { code: "internal", message: "Sign-in is unavailable right now" } }, { status: 500 });
  }
  if (res.status < 400 || (res.headers.get("content-type") ?? "").includes("application/json")) return res;
  const notFound = res.status === 400 || res.status === 404;
  return NextResponse.json(
    notFound
      ? { error: { code: "not_found", message: "No sign-in endpoint at this path" } }
      : { error: { code: res.status >= 500 ? "internal" : "bad_request", message: "The sign-in request could not be completed" } },
    { status: notFound ? 404 : res.status, headers: { "Cache-Control": "no-store" } },
  );
}

export { handler as GET, handler as POST };
