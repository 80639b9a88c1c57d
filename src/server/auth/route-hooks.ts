// The rate-limit hook the route wrapper calls for every request that opts into limits.
import "server-only";
import type { NextRequest } from "next/server";
import type { Principal } from "./principal";
import { authIpLimit, consume, decideLimit } from "./rate-limit-policy";

export async function rateLimitHook({
  req,
  principal,
  kind,
}: {
  req: NextRequest;
  principal: Principal | null;
  kind: "default" | "auth";
}): Promise<Record<string, string>> {
  if (kind === "auth") return (await consume(authIpLimit({ headers: req.headers }), "Too many attempts")).headers;
  // The route wrapper resolved any credentials the request carried; a failed one arrives as null and is
  // limited by client IP.
  return (await consume(decideLimit({ principal, headers: req.headers }))).headers;
}
