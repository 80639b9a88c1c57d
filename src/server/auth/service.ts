// What the auth and key endpoints do, one function per endpoint, so route handlers stay thin.
import "server-only";
import { forbidden, notFound, unauthorized } from "@/lib/errors";
import type { Principal } from "./principal";
import { createApiKey, listApiKeys, listKeysOfAccount, revokeApiKey, setKeyTier, type ApiKeyView } from "./api-keys";
import { consumeAuthAccount, consumeLoginAttempt } from "./rate-limit-policy";
import type { ApiKeyTier } from "./schemas";
import { issueAccessToken, revokeAccessToken, verifyAccessToken } from "./tokens";
import { authenticate, getUserById, INVALID_CREDENTIALS, loginAccountKey, registerUser, type PublicUser } from "./users";

export interface TokenResponse {
  access_token: string;
  token_type: "bearer";
  expires_at: string;
}

async function tokenFor(user: PublicUser): Promise<TokenResponse> {
  const { token, expiresAt } = await issueAccessToken({ userId: user.id, role: user.role });
  return { access_token: token, token_type: "bearer", expires_at: expiresAt.toISOString() };
}

export async function registerAccount(input: { email: string; username: string; password: string }) {
  await consumeAuthAccount({ accounts: [input.email, input.username] });
  const user = await registerUser(input);
  return { user, ...(await tokenFor(user)) };
}

export async function login({ login, password, headers }: { login: string; password: string; headers: { get(name: string): string | null } }) {
  await consumeLoginAttempt({ accountKey: await loginAccountKey({ login }), headers });
  const user = await authenticate({ login, password });
  if (!user) throw unauthorized(INVALID_CREDENTIALS);
  return { user, ...(await tokenFor(user)) };
}

/** The caller as /api/auth/me and /api/auth/verify describe it. */
export async function describePrincipal({ principal }: { principal: Principal }) {
  const user = principal.userId ? await getUserById({ id: principal.userId }) : null;
  return {
    user,
    role: principal.role,
    via: principal.via,
    ...(principal.apiKeyId ? { api_key_id: principal.apiKeyId, tier: principal.tier } : {}),
  };
}

/** Logout: a bearer JWT is revoked server-side; session cookies are cleared by the route. */
export async function logout({ bearer }: { bearer: string | null }): Promise<{ revoked_token: boolean }> {
  if (!bearer || bearer.startsWith("sk_")) return { revoked_token: false };
  const claims = await verifyAccessToken({ token: bearer });
  if (!claims) return { revoked_token: false };
  await revokeAccessToken({ jti: claims.jti, expiresAt: claims.expiresAt });
  return { revoked_token: true };
}

// A leaked key must not be able to mint more keys, so key management needs a signed-in user.
function accountOwner(principal: Principal): { userId: string; role: "user" | "admin" } {
  if (!principal.userId || principal.via === "api_key" || principal.via === "admin_key") {
    throw forbidden("API keys are managed with a signed-in session or a bearer token, not with an API key");
  }
  return { userId: principal.userId, role: principal.role };
}

export async function createKeyFor({ principal, name, tier }: { principal: Principal; name: string; tier: ApiKeyTier }) {
  const { userId, role } = accountOwner(principal);
  return createApiKey({ userId, role, name, tier });
}

export async function listKeysFor({ principal }: { principal: Principal }): Promise<{ keys: ApiKeyView[] }> {
  return { keys: await listApiKeys({ userId: accountOwner(principal).userId }) };
}

export async function revokeKeyFor({ principal, id }: { principal: Principal; id: string }) {
  return { apiKey: await revokeApiKey({ userId: accountOwner(principal).userId, id }) };
}

/** next-auth's session cookie, plain, __Secure- prefixed or chunked (.0, .1, ...). */
export const SESSION_COOKIE_PATTERN = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Admin: an account's keys, found by email or username. */
export async function accountKeysForAdmin({ login }: { login: string }) {
  const found = await listKeysOfAccount({ login });
  if (!found) throw notFound("No account with this email or username");
  return found;
}

/** Admin: grants a key a tier (premium, or admin for an admin's own keys) or takes it back to default. */
export async function grantKeyTier({ id, tier }: { id: string; tier: ApiKeyTier }) {
  return { apiKey: await setKeyTier({ id, tier }) };
}
