// Registers the auth module's principal resolver and rate limiter with the route wrapper.
// src/lib/route.ts imports this module lazily on its first request.
import "server-only";
import { installRouteHooks } from "@/lib/route";
import { resolvePrincipal } from "./principal";
import { rateLimitHook } from "./route-hooks";

installRouteHooks({ resolvePrincipal, rateLimit: rateLimitHook });
