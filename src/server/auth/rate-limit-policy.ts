// Who gets how many requests: anonymous callers per client IP, keys and users per tier, and a tighter
// budget for login/register per IP and per account.
import "server-only";
import { createHash } from "node:crypto";
import { getEnv } from "@/env";
import { rateLimited } from "@/lib/errors";
import { rateLimiter } from "@/lib/rate-limit";
import type { Principal } from "./principal";
import { clientIp } from "./client-ip";

type HeaderSource = { get(name: string): string | null };
export type Tier = "anonymous" | "default" | "premium" | "admin";

export interface LimitDecision {
  key: string;
  limit: number;
  windowSec: number;
}

export function tierLimit({ tier }: { tier: Tier }): number {
  const env = getEnv();
  return {
    anonymous: env.RATE_LIMIT_ANON_PER_MIN,
    default: env.RATE_LIMIT_DEFAULT_PER_MIN,
    premium: env.RATE_LIMIT_PREMIUM_PER_MIN,
    admin: env.RATE_LIMIT_ADMIN_PER_MIN,
  }[tier];
}

/** The bucket a request is counted in. */
export function decideLimit({ principal, headers }: { principal: Principal | null; headers: HeaderSource }): LimitDecision {
  if (!principal) {
    const ip = clientIp({ headers, trustedProxy: getEnv().TRUSTED_PROXY });
    return { key: `api:ip:${ip}`, limit: tierLimit({ tier: "anonymous" }), windowSec: 60 };
  }
  if (principal.via === "admin_key") return { key: "api:admin-key", limit: tierLimit({ tier: "admin" }), windowSec: 60 };
  if (principal.via === "api_key" && principal.apiKeyId) {
    return { key: `api:key:${principal.apiKeyId}`, limit: tierLimit({ tier: principal.tier ?? "default" }), windowSec: 60 };
  }
  const tier = principal.role === "admin" ? "admin" : "default";
  return { key: `api:user:${principal.userId}`, limit: tierLimit({ tier }), windowSec: 60 };
}

export interface LimitOutcome {
  headers: Record<string, string>;
}

/** Counts one request; returns the X-RateLimit-* headers or throws a 429 carrying them plus Retry-After. */
export async function consume({ key, limit, windowSec }: LimitDecision, what = "Rate limit exceeded"): Promise<LimitOutcome> {
  const r = await rateLimiter.limit({ key, limit, windowSec });
  const headers = {
    "X-RateLimit-Limit": String(r.limit),
    "X-RateLimit-Remaining": String(Math.max(0, r.remaining)),
    // Epoch seconds, as GitHub and most REST APIs report it; when refused, the moment the next request
    // would be admitted (the same moment Retry-After counts down to).
    "X-RateLimit-Reset": String(Math.ceil(r.resetMs / 1000)),
  };
  if (!r.success) {
    const retryAfterSec = Math.max(1, Math.ceil((r.resetMs - Date.now()) / 1000));
    throw rateLimited(`${what}; retry in ${retryAfterSec} s`, retryAfterSec, headers);
  }
  return { headers };
}

/** Per-IP budget for login and register attempts. */
export function authIpLimit({ headers }: { headers: HeaderSource }): LimitDecision {
  const ip = clientIp({ headers, trustedProxy: getEnv().TRUSTED_PROXY });
  return { key: `auth:ip:${ip}`, limit: getEnv().RATE_LIMIT_AUTH_PER_MIN, windowSec: 60 };
}

/** Per-account budget for registration: slows probing one email or username from many addresses. Hashed so keys hold no emails. */
export function authAccountLimit({ account }: { account: string }): LimitDecision {
  const id = createHash("sha256").update(account.trim().toLowerCase()).digest("hex").slice(0, 32);
  return { key: `auth:account:${id}`, limit: getEnv().RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN, windowSec: 15 * 60 };
}

export async function consumeAuthAccount({ accounts }: { accounts: string[] }): Promise<void> {
  for (const account of new Set(accounts)) {
    await consume(authAccountLimit({ account }), "Too many attempts for this account");
  }
}

// Across all addresses an account takes this many times the per-address budget: guessing from many
// addresses stays slow, and one other address can never use up the owner's attempts.
export const ACCOUNT_WIDE_FACTOR = 10;

/**
 * Login attempts are counted per account (the user's id, whichever of email or username was typed, so the
 * two share one budget): RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN per client address, ten times that across all.
 */
export async function consumeLoginAttempt({ accountKey, headers }: { accountKey: string; headers: HeaderSource }): Promise<void> {
  const id = createHash("sha256").update(accountKey).digest("hex").slice(0, 32);
  const ip = clientIp({ headers, trustedProxy: getEnv().TRUSTED_PROXY });
  const perAddress = getEnv().RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN;
  const what = "Too many attempts for this account";
  await consume({ key: `auth:login:${id}:ip:${ip}`, limit: perAddress, windowSec: 15 * 60 }, what);
  await consume({ key: `auth:login:${id}`, limit: perAddress * ACCOUNT_WIDE_FACTOR, windowSec: 15 * 60 }, what);
}
