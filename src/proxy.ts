// Next 16's request proxy (formerly middleware). Under /api it refuses what no route handler would answer
// with the standard JSON error body (see lib/api-routes/guard.ts); pages that need an account send
// anonymous visitors to /login?callbackUrl=<where they were going>&reason=<why> (components/auth/sign-in-reason.ts). API routes authorize themselves in the
// route wrapper.
import type { NextRequestWithAuth } from "next-auth/middleware";
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextFetchEvent } from "next/server";
import { signInPath } from "@/components/auth/sign-in-reason";
import { getEnv } from "@/env";
import { createApiGuard, isApiPath, pathDecodes } from "@/lib/api-routes/guard";
import type { ApiRoute } from "@/lib/api-routes/match.mjs";
import { recordHttpRequest } from "@/lib/metrics";

// The route list and each route's methods, scanned from src/app/api by next.config.mjs at build time and
// inlined as a JSON string (compiler.defineServer).
// Turbopack inlines the value as a string, webpack as code: both are accepted.
declare const __STOCK_HUB_API_ROUTES__: unknown;
function builtRoutes(): ApiRoute[] {
  if (typeof __STOCK_HUB_API_ROUTES__ === "undefined") return [];
  const v = __STOCK_HUB_API_ROUTES__;
  return (typeof v === "string" ? JSON.parse(v) : v) as ApiRoute[];
}
const guard = createApiGuard(builtRoutes());

function refuseApi(req: NextRequestWithAuth): Response | null {
  const started = performance.now();
  const refusal = guard({ method: req.method, pathname: req.nextUrl.pathname });
  if (!refusal) return null;
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (refusal.allow) headers.Allow = refusal.allow;
  const res = NextResponse.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status, headers });
  recordHttpRequest(res, { route: refusal.route, method: req.method.slice(0, 16), started });
  return res;
}

// A page address that is not valid percent-encoding (/stock/%FF) would fail inside Next while it decodes the
// dynamic segment, with a plain-text 500; it is a bad address, said in words.
function refusePagePath(): Response {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad address · Stock Hub</title></head>' +
    '<body><h1>This address is not valid</h1><p>It contains characters that do not form a web address. ' +
    '<a href="/">Go to the market overview</a>.</p></body></html>';
  return new NextResponse(html, { status: 400, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

// The session cookie, read as next-auth's withAuth reads it; without one, the sign-in page with the same reason
// the pages give (signInPath). The secret comes from the env module, which may generate it at runtime.
async function requireSession(req: NextRequestWithAuth): Promise<Response> {
  if (await getToken({ req, secret: getEnv().secrets.nextAuth })) return NextResponse.next();
  const { pathname, search, origin } = req.nextUrl;
  return NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), origin));
}

export function proxy(req: NextRequestWithAuth, _event?: NextFetchEvent): Response | Promise<Response> {
  if (isApiPath(req.nextUrl.pathname)) return refuseApi(req) ?? NextResponse.next();
  if (!pathDecodes(req.nextUrl.pathname)) return refusePagePath();
  if (!/^\/(account|alerts|watchlists)(\/|$)/.test(req.nextUrl.pathname)) return NextResponse.next();
  return requireSession(req);
}

// Everything but static assets: /API and other mis-cased API paths must reach the proxy too.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"] };
