// Next 16's request proxy (formerly middleware): pages that need an account send anonymous visitors to
// /login?callbackUrl=<where they were going>. API routes authorize themselves in the route wrapper.
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import type { NextFetchEvent, NextResponse } from "next/server";
import { getEnv } from "@/env";

type Handler = (req: NextRequestWithAuth, event: NextFetchEvent) => Promise<NextResponse | Response | undefined | void>;
let handler: Handler | undefined;

export function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  // Built on first request: the secret comes from the env module, which may generate it at runtime.
  handler ??= withAuth({ secret: getEnv().secrets.nextAuth, pages: { signIn: "/login" } }) as unknown as Handler;
  return handler(req, event);
}

export const config = { matcher: ["/account", "/account/:path*", "/alerts"] };
