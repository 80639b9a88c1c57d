// Who is calling: an admin key, an API key, a bearer JWT or a next-auth session cookie, in that order.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { getEnv } from "@/env";
import { forbidden, unauthorized } from "@/lib/errors";
import { accountState } from "./account-state";
import { useApiKey } from "./api-keys";
import { isCurrentEpoch } from "./session-epochs";
import { verifyAccessToken } from "./tokens";

/** Who is calling, as every route handler sees it. */
export interface Principal {
  userId: string | null;
  role: "user" | "admin";
  via: "session" | "jwt" | "api_key" | "admin_key";
  apiKeyId?: string;
  tier?: "default" | "premium" | "admin";
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time comparison against ADMIN_API_KEY (hashing first makes the lengths equal). */
export function isAdminApiKey({ candidate }: { candidate: string }): boolean {
  const adminKey = getEnv().ADMIN_API_KEY;
  if (!adminKey) return false;
  return timingSafeEqual(digest(candidate), digest(adminKey));
}

const ADMIN_KEY_PRINCIPAL: Principal = { userId: null, role: "admin", via: "admin_key", tier: "admin" };

async function principalForKey(key: string): Promise<Principal> {
  if (isAdminApiKey({ candidate: key })) return ADMIN_KEY_PRINCIPAL;
  const found = await useApiKey({ key });
  if (!found) throw unauthorized("Invalid or revoked API key");
  return { userId: found.userId, role: found.role, via: "api_key", apiKeyId: found.apiKeyId, tier: found.tier };
}

/** Bearer token from the Authorization header; throws for any other scheme so typos are not silently anonymous. */
export function bearerToken(req: NextRequest): string | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized("Authorization header must be 'Bearer <token>'");
  return match[1];
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// Cookies ride along on cross-site requests the user never meant to make; for state-changing calls a
// browser always sends Origin, so one from elsewhere is refused.
function assertSameOrigin(req: NextRequest): void {
  if (!UNSAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (!origin) return;
  const env = getEnv();
  const allowed = new Set([req.nextUrl.origin, env.APP_URL, env.NEXTAUTH_URL, env.CORS_ORIGIN_LOCAL, env.CORS_ORIGIN_PROD]);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) allowed.add(`${req.nextUrl.protocol}//${host}`);
  const same = [...allowed].some((a) => a !== undefined && URL.canParse(a) && new URL(a).origin === origin);
  if (!same) throw forbidden("Cross-site request refused");
}

export async function resolvePrincipal(req: NextRequest): Promise<Principal | null> {
  const headerKey = req.headers.get("x-api-key");
  if (headerKey !== null) return principalForKey(headerKey.trim());

  const bearer = bearerToken(req);
  if (bearer !== null) {
    if (bearer.startsWith("sk_") || isAdminApiKey({ candidate: bearer })) return principalForKey(bearer);
    const claims = await verifyAccessToken({ token: bearer });
    const user = claims ? await accountState({ userId: claims.userId }) : null;
    if (!user) throw unauthorized("Invalid or expired token");
    return { userId: user.id, role: user.role, via: "jwt" };
  }

  const session = await getToken({ req, secret: getEnv().secrets.nextAuth });
  if (!session?.sub) return null;
  // A cookie from before the user's sessions were revoked (password reset or change) signs in no one.
  if (!(await isCurrentEpoch({ userId: session.sub, epoch: session.sv }))) return null;
  const user = await accountState({ userId: session.sub });
  if (!user) return null;
  assertSameOrigin(req);
  return { userId: user.id, role: user.role, via: "session" };
}
