// What the auth and key endpoints do, one function per endpoint, so route handlers stay thin.
import "server-only";
import { forbidden, notFound, unauthorized } from "@/lib/errors";
import type { Principal } from "./principal";
import { createApiKey, listApiKeys, listKeysOfAccount, revokeApiKey, setKeyTier } from "./api-keys";
import { consumeAuthAccount, consumeLoginAttempt } from "./rate-limit-policy";
import type { AccountKeys, ApiKeyTier, CreatedKey, KeyList, Logout, Me, RevokedKey, TokenResponse, TokenWithUser } from "./account-schemas";
import { accountState } from "./account-state";
import { issueRefreshToken, revokeRefreshToken, rotateRefreshToken, type IssuedRefreshToken } from "./refresh-tokens";
import { issueAccessToken, revokeAccessToken, verifyAccessToken } from "./tokens";
import { authenticate, getUserById, INVALID_CREDENTIALS, loginAccountKey, registerUser, type PublicUser } from "./users";

/** An access token and, with `familyId` unset, a refresh token of a new family (one per sign-in). */
async function tokenFor({ userId, role, refresh }: { userId: string; role: "user" | "admin"; refresh?: IssuedRefreshToken }): Promise<TokenResponse> {
  const { token, expiresAt } = await issueAccessToken({ userId, role });
  return { access_token: token, token_type: "bearer", expires_at: expiresAt.toISOString(), ...(refresh ?? (await issueRefreshToken({ userId }))) };
}

export async function registerAccount(input: { email: string; username: string; password: string }): Promise<TokenWithUser> {
  await consumeAuthAccount({ accounts: [input.email, input.username] });
  const user = await registerUser(input);
  return { user, ...(await tokenFor({ userId: user.id, role: user.role })) };
}

export async function login({ login, password, headers }: { login: string; password: string; headers: { get(name: string): string | null } }): Promise<TokenWithUser> {
  await consumeLoginAttempt({ accountKey: await loginAccountKey({ login }), headers });
  const user = await authenticate({ login, password });
  if (!user) throw unauthorized(INVALID_CREDENTIALS);
  return { user, ...(await tokenFor({ userId: user.id, role: user.role })) };
}

/** POST /api/auth/refresh: a new access token and the next refresh token of the same sign-in. */
export async function refreshTokens({ refreshToken }: { refreshToken: string }): Promise<TokenResponse> {
  const { userId, ...refresh } = await rotateRefreshToken({ token: refreshToken });
  const state = await accountState({ userId });
  if (!state) throw unauthorized("Invalid refresh token");
  return tokenFor({ userId, role: state.role, refresh });
}

/** A fresh access and refresh token for the account after its password changed (the caller's old ones are revoked too). */
export async function tokensAfterPasswordChange({ user }: { user: PublicUser }): Promise<TokenResponse> {
  return tokenFor({ userId: user.id, role: user.role });
}

/** The caller as /api/auth/me and /api/auth/verify describe it. */
export async function describePrincipal({ principal }: { principal: Principal }): Promise<Me> {
  const user = principal.userId ? await getUserById({ id: principal.userId }) : null;
  return {
    user,
    role: principal.role,
    via: principal.via,
    ...(principal.apiKeyId ? { api_key_id: principal.apiKeyId, tier: principal.tier } : {}),
  };
}

/** Logout: a bearer JWT is revoked server-side, and a refresh token given in the body with its whole family; session cookies are cleared by the route. */
export async function logout({ bearer, refreshToken }: { bearer: string | null; refreshToken?: string }): Promise<Logout> {
  const revokedRefresh = refreshToken ? { revoked_refresh_token: await revokeRefreshToken({ token: refreshToken }) } : {};
  if (!bearer || bearer.startsWith("sk_")) return { revoked_token: false, ...revokedRefresh };
  const claims = await verifyAccessToken({ token: bearer });
  if (!claims) return { revoked_token: false, ...revokedRefresh };
  await revokeAccessToken({ jti: claims.jti, expiresAt: claims.expiresAt });
  return { revoked_token: true, ...revokedRefresh };
}

// A leaked key must not be able to mint more keys (or change the password, or delete the account), so
// account management needs a signed-in user.
export function accountOwner(principal: Principal, what = "API keys are managed"): { userId: string; role: "user" | "admin" } {
  if (!principal.userId || principal.via === "api_key" || principal.via === "admin_key") {
    throw forbidden(`${what} with a signed-in session or a bearer token, not with an API key`);
  }
  return { userId: principal.userId, role: principal.role };
}

export async function createKeyFor({ principal, name, tier }: { principal: Principal; name: string; tier: ApiKeyTier }): Promise<CreatedKey> {
  const { userId, role } = accountOwner(principal);
  return createApiKey({ userId, role, name, tier });
}

export async function listKeysFor({ principal }: { principal: Principal }): Promise<KeyList> {
  return { keys: await listApiKeys({ userId: accountOwner(principal).userId }) };
}

export async function revokeKeyFor({ principal, id }: { principal: Principal; id: string }): Promise<RevokedKey> {
  return { apiKey: await revokeApiKey({ userId: accountOwner(principal).userId, id }) };
}

/** next-auth's session cookie, plain, __Secure- prefixed or chunked (.0, .1, ...). */
export const SESSION_COOKIE_PATTERN = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Expires every session cookie the request carried (logout, account deletion). */
export function clearSessionCookies<R extends { cookies: { set(name: string, value: string, opts: { maxAge: number; path: string }): unknown } }>(
  req: { cookies: { getAll(): { name: string }[] } },
  res: R,
): R {
  for (const c of req.cookies.getAll()) {
    if (SESSION_COOKIE_PATTERN.test(c.name)) res.cookies.set(c.name, "", { maxAge: 0, path: "/" });
  }
  return res;
}

/** Admin: an account's keys, found by email or username. */
export async function accountKeysForAdmin({ login }: { login: string }): Promise<AccountKeys> {
  const found = await listKeysOfAccount({ login });
  if (!found) throw notFound("No account with this email or username");
  return found;
}

/** Admin: grants a key a tier (premium, or admin for an admin's own keys) or takes it back to default. */
export async function grantKeyTier({ id, tier }: { id: string; tier: ApiKeyTier }) {
  return { apiKey: await setKeyTier({ id, tier }) };
}
