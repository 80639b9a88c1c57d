// next-auth's own endpoints (/api/auth/signin, /callback/credentials, /session, /csrf, /signout, ...).
// The static folders beside this one (register, login, me, verify, logout) take precedence over the catch-all.
import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/env";
import { toErrorResponse } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { recordHttpRequest } from "@/lib/metrics";
import { checkedNextAuthRequest, getAuthOptions, unsendableHeader } from "@/server/auth";
import { preflight } from "@/server/route";

type Ctx = { params: Promise<{ nextauth: string[] }> };

const jsonError = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  NextResponse.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store", ...headers } });

// Without NEXTAUTH_URL next-auth builds its URLs on http://localhost:3000 whatever address the app is served
// from; its redirects and JSON then name that address. They are rewritten to the request's own origin.
const NEXT_AUTH_FALLBACK_ORIGIN = "http://localhost:3000";

async function withOwnOrigin(res: Response, req: NextRequest): Promise<Response> {
  if (getEnv().NEXTAUTH_URL) return res;
  // The address the client used (Next's nextUrl says "localhost" for 127.0.0.1).
  const host = req.headers.get("host");
  if (!host) return res;
  const own = `${req.nextUrl.protocol}//${host}`;
  if (own === NEXT_AUTH_FALLBACK_ORIGIN) return res;
  const fix = (s: string) =>
    s.split(NEXT_AUTH_FALLBACK_ORIGIN).join(own).split(encodeURIComponent(NEXT_AUTH_FALLBACK_ORIGIN)).join(encodeURIComponent(own));
  const headers = new Headers(res.headers);
  const location = headers.get("location");
  if (location) headers.set("location", fix(location));
  const cookies = headers.getSetCookie();
  headers.delete("set-cookie");
  for (const c of cookies) headers.append("set-cookie", fix(c));
  if (!(headers.get("content-type") ?? "").includes("application/json")) return new Response(res.body, { status: res.status, headers });
  const body = fix(await res.text());
  headers.delete("content-length");
  return new Response(body, { status: res.status, headers });
}

// next-auth answers unknown actions and its own failures in plain text that names its configured URL; under
// /api every error is the standard JSON body instead, and says nothing about the deployment.
async function answer(req: NextRequest, ctx: Ctx): Promise<Response> {
  const [action, provider] = (await ctx.params).nextauth ?? [];
  // The browser client's log relay: it would let anyone write error lines (with stack traces) into the
  // server log. The app's pages never use it; nor the email provider's "check your inbox" page.
  if (action === "_log" || action === "verify-request") return jsonError(404, "not_found", "No sign-in endpoint at this path");
  // Credentials are only ever posted (next-auth answers a GET with a 500); the sign-out confirmation page is
  // not used (the app signs out with a POST).
  if (req.method === "GET" && ((action === "callback" && provider === "credentials") || action === "signout")) {
    return jsonError(405, "method_not_allowed", "GET is not allowed here; use POST", { Allow: "POST" });
  }
  // Input next-auth would fail on (a body it cannot parse, a field of the wrong type, an address it would copy
  // into a header unencoded) is refused with the reason before it runs.
  let checked: NextRequest;
  try {
    checked = await checkedNextAuthRequest(req);
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) {
      logger.error("sign-in endpoint failed", { action, method: req.method, err });
      return jsonError(500, "internal", "Sign-in is unavailable right now");
    }
    logger.warn("sign-in request refused", { action, method: req.method, status, reason: body.error.message });
    return jsonError(status, body.error.code, body.error.message);
  }
  let res: Response;
  try {
    res = await withOwnOrigin(await NextAuth(checked, ctx, getAuthOptions()), req);
  } catch (err) {
    logger.error("sign-in endpoint failed", { action, method: req.method, err });
    return jsonError(500, "internal", "Sign-in is unavailable right now");
  }
  // Node refuses to write a header with such a character, after this handler returned (a plain 500 nobody
  // logged); whatever input led here, it is refused instead.
  const unsendable = unsendableHeader(res);
  if (unsendable) {
    logger.warn("sign-in request refused", { action, method: req.method, status: 400, reason: `next-auth's ${unsendable} header could not be sent` });
    return jsonError(400, "bad_request", "The sign-in request's parameters are not valid");
  }
  if (res.status >= 500) logger.error("sign-in endpoint failed", { action, method: req.method, status: res.status });
  // A post without the form's CSRF token: next-auth redirects to its own sign-in page; a client is told why.
  if (req.method === "POST" && /[?&]csrf=true\b/.test(res.headers.get("location") ?? "")) {
    return jsonError(403, "forbidden", "The sign-in request is missing its CSRF token (GET /api/auth/csrf)");
  }
  if (res.status < 400 || (res.headers.get("content-type") ?? "").includes("application/json")) return res;
  const notFound = res.status === 400 || res.status === 404;
  return notFound
    ? jsonError(404, "not_found", "No sign-in endpoint at this path")
    : jsonError(res.status, res.status >= 500 ? "internal" : "bad_request", "The sign-in request could not be completed");
}

// Timed and counted like every other API route (the route wrapper does it there).
const ROUTE = "/api/auth/[...nextauth]";
async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  const started = performance.now();
  const res = await answer(req, ctx);
  const timed = new Response(res.body, { status: res.status, headers: res.headers });
  const seconds = recordHttpRequest(timed, { route: ROUTE, method: req.method, started });
  logger.info("request", { route: ROUTE, method: req.method, status: timed.status, durationMs: Math.round(seconds * 1000) });
  return timed;
}

export { handler as GET, handler as POST, preflight as OPTIONS };
