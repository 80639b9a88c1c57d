// Access tokens for API clients: HS256 JWTs signed with JWT_SECRET, revocable by id (logout).
import "server-only";
import { randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { getEnv } from "@/env";
import { cache } from "@/lib/cache";

const ISSUER = "stock-hub";
const AUDIENCE = "stock-hub-api";

export interface AccessClaims {
  userId: string;
  role: "user" | "admin";
  jti: string;
  expiresAt: Date;
}

const key = () => new TextEncoder().encode(getEnv().secrets.jwt);
const revokedKey = (jti: string) => `auth:revoked-jti:${jti}`;

export async function issueAccessToken({
  userId,
  role,
  now = new Date(),
  expiresInMinutes = getEnv().ACCESS_TOKEN_EXPIRE_MINUTES,
}: {
  userId: string;
  role: "user" | "admin";
  now?: Date;
  expiresInMinutes?: number;
}): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + expiresInMinutes * 60;
  const token = await new SignJWT({ role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(key());
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Returns the claims of a valid, unexpired, unrevoked token, or null for anything else. */
export async function verifyAccessToken({ token }: { token: string }): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: ["HS256"], issuer: ISSUER, audience: AUDIENCE });
    const role = payload.role === "admin" ? "admin" : payload.role === "user" ? "user" : null;
    if (!payload.sub || !payload.jti || !payload.exp || !role) return null;
    if (await cache.get(revokedKey(payload.jti))) return null;
    return { userId: payload.sub, role, jti: payload.jti, expiresAt: new Date(payload.exp * 1000) };
  } catch (err) {
    if (err instanceof errors.JOSEError) return null;
    throw err;
  }
}

/** Logout for bearer tokens: the id is refused until the token would have expired anyway. */
export async function revokeAccessToken({ jti, expiresAt }: { jti: string; expiresAt: Date }): Promise<void> {
  const ttlSec = Math.ceil((expiresAt.getTime() - Date.now()) / 1000);
  if (ttlSec > 0) await cache.set(revokedKey(jti), true, { ttlSec });
}
