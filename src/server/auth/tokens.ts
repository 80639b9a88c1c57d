// Access tokens for API clients: HS256 JWTs signed with JWT_SECRET, revocable by id (logout). Revocations
// are rows in token_revocations (so a logout survives a restart), read through the cache so a request does
// not query the database for every token it sees. Each token also carries its user's session epoch
// (session-epochs.ts): revokeUserSessions ends every token of a user at once.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { LRUCache } from "lru-cache";
import { getEnv } from "@/env";
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { onServicesReset } from "@/lib/services";
import { isCurrentEpoch, sessionEpoch } from "./session-epochs";

const ISSUER = "stock-hub";
const AUDIENCE = "stock-hub-api";

export interface AccessClaims {
  userId: string;
  role: "user" | "admin";
  jti: string;
  expiresAt: Date;
  /** The user's session epoch when the token was issued (0 for tokens from before epochs). */
  epoch: number;
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
  const token = await new SignJWT({ role, sv: await sessionEpoch({ userId }) })
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

// Tokens whose signature and claims have been checked, believed until they expire: a client sends the same
// token with every request, and each jose verification (a key import and an HMAC through WebCrypto, on Node's
// thread pool) cost about as much as the rest of a cached request. Keyed by the token's sha256; only successes
// are kept, so a forged or altered token is always checked in full. Emptied with the other process state (a new
// JWT_SECRET takes a restart). Revocation is not part of this: it is checked on every request.
const VERIFIED_MAX_ENTRIES = 10_000;
let verified = new LRUCache<string, AccessClaims>({ max: VERIFIED_MAX_ENTRIES });
onServicesReset(() => {
  verified = new LRUCache<string, AccessClaims>({ max: VERIFIED_MAX_ENTRIES });
});
// jose refuses a token once now (whole seconds) reaches exp; the same rule for a remembered one.
const hasExpired = (claims: AccessClaims) => Math.floor(Date.now() / 1000) >= claims.expiresAt.getTime() / 1000;

async function checkSignatureAndClaims(token: string): Promise<AccessClaims | null> {
  const id = createHash("sha256").update(token).digest("base64url");
  const known = verified.get(id);
  if (known && !hasExpired(known)) return known;
  if (known) verified.delete(id);
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: ["HS256"], issuer: ISSUER, audience: AUDIENCE });
    const role = payload.role === "admin" ? "admin" : payload.role === "user" ? "user" : null;
    if (!payload.sub || !payload.jti || !payload.exp || !role) return null;
    const epoch = typeof payload.sv === "number" && Number.isInteger(payload.sv) ? payload.sv : 0;
    const claims: AccessClaims = { userId: payload.sub, role, jti: payload.jti, expiresAt: new Date(payload.exp * 1000), epoch };
    verified.set(id, claims);
    return claims;
  } catch (err) {
    if (err instanceof errors.JOSEError) return null;
    throw err;
  }
}

/** Returns the claims of a valid, unexpired, unrevoked token, or null for anything else. */
export async function verifyAccessToken({ token }: { token: string }): Promise<AccessClaims | null> {
  const claims = await checkSignatureAndClaims(token);
  if (!claims || (await isRevoked({ jti: claims.jti, expiresAt: claims.expiresAt }))) return null;
  if (!(await isCurrentEpoch({ userId: claims.userId, epoch: claims.epoch }))) return null;
  return claims;
}

// How long "not revoked" is believed without asking the database again. A revocation made through this app
// updates the cache at once; the TTL only bounds how long a row written by some other path goes unseen.
const NOT_REVOKED_TTL_SEC = 60;
const secondsLeft = (expiresAt: Date) => Math.ceil((expiresAt.getTime() - Date.now()) / 1000);

async function isRevoked({ jti, expiresAt }: { jti: string; expiresAt: Date }): Promise<boolean> {
  const ttlSec = Math.max(1, Math.min(NOT_REVOKED_TTL_SEC, secondsLeft(expiresAt)));
  const { value } = await cache.getOrSet(revokedKey(jti), { ttlSec }, async () => {
    const db = await getDb();
    return (await db.tokenRevocation.findUnique({ where: { jti }, select: { jti: true } })) !== null;
  });
  return value;
}

const PRUNE_EVERY_MS = 60 * 60_000;
let lastPrune = 0;

/** Logout for bearer tokens: the id is refused until the token would have expired anyway. */
export async function revokeAccessToken({ jti, expiresAt }: { jti: string; expiresAt: Date }): Promise<void> {
  const ttlSec = secondsLeft(expiresAt);
  if (ttlSec <= 0) return;
  const db = await getDb();
  await db.tokenRevocation.upsert({ where: { jti }, create: { jti, expiresAt }, update: {} });
  await cache.set(revokedKey(jti), true, { ttlSec });
  if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
    lastPrune = Date.now();
    await pruneRevocations().catch((err: unknown) => logger.warn("pruning token revocations failed", { err }));
  }
}

/** Deletes revocations of tokens that have expired by now: those tokens fail verification on their own. */
export async function pruneRevocations({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const db = await getDb();
  return (await db.tokenRevocation.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
