// The rate-limit hook the route wrapper calls for every request that opts into limits.
import "server-only";
import type { NextRequest } from "next/server";
import type { Principal } from "@/lib/route";
import { resolvePrincipal } from "./principal";
import { authIpLimit, consume, decideLimit } from "./rate-limit-policy";

const hasCredentials = (req: NextRequest) => req.headers.has("x-api-key") || req.headers.has("authorization");

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
  // Public routes do not resolve the caller; a key sent to one still counts against its own tier.
  let who = principal;
  if (!who && hasCredentials(req)) who = await resolvePrincipal(req).catch(() => null);
  return (await consume(decideLimit({ principal: who, headers: req.headers }))).headers;
}
