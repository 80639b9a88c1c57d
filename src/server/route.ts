// The `route` every API handler is exported through: the route wrapper from lib/ with the auth module's
// principal resolver and rate limiter wired in statically.
import "server-only";
import { createRoute } from "@/lib/route";
import { rateLimitHook, resolvePrincipal } from "@/server/auth";

export { preflight } from "@/lib/route";
export const route = createRoute({ resolvePrincipal, rateLimit: rateLimitHook });
