// The auth area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export type { apiKeyViewSchema } from "./account-schemas";
export { changePasswordFor, deleteAccountFor, exportAccountFor, requestEmailChangeFor } from "./account-service";
export { listApiKeys } from "./api-keys";
export { clientIp } from "./client-ip";
export { checkedNextAuthRequest, unsendableHeader } from "./next-auth-input";
export { getAuthOptions } from "./next-auth-options";
export { passwordSchema } from "./password";
export { bearerToken, resolvePrincipal } from "./principal";
export type { Principal } from "./principal";
export { consume, decideLimit, tierLimit } from "./rate-limit-policy";
export { revokeAllSessions } from "./revoke-sessions";
export { rateLimitHook } from "./route-hooks";
export { accountKeysQuerySchema, changePasswordBodySchema, createKeyBodySchema, deleteAccountBodySchema, emailChangeBodySchema, emailConfirmBodySchema, emailSchema, keyIdParamsSchema, loginBodySchema, logoutBodySchema, refreshBodySchema, registerBodySchema, resetConfirmBodySchema, resetRequestBodySchema, setKeyTierBodySchema, usernameSchema } from "./schemas";
export { confirmEmailChange, confirmPasswordReset, issueOperatorReset, requestPasswordResetEvenly } from "./self-service";
export { accountKeysForAdmin, clearSessionCookies, createKeyFor, describePrincipal, grantKeyTier, listKeysFor, login, logout, refreshTokens, registerAccount, revokeKeyFor } from "./service";
export { sessionUser } from "./session-user";
export { ensureAdmin, getUserById } from "./users";
export * as account from "./account-schemas";
