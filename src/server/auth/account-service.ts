// What the account self-service endpoints do for the caller, so their route handlers stay thin. All of them
// need the person themself (a session or a bearer token): an API key cannot change the password, the email
// address or delete the account.
import "server-only";
import type { Principal } from "./principal";
import { deleteAccount, exportAccount } from "./account-data";
import type { EmailChange, PasswordChanged } from "./account-schemas";
import { changePassword, requestEmailChange } from "./self-service";
import { accountOwner, tokensAfterPasswordChange } from "./service";

const SELF = "Account settings are changed";

/** POST /api/auth/password: every other session and token is signed out; the caller gets fresh tokens. */
export async function changePasswordFor({ principal, currentPassword, newPassword }: { principal: Principal; currentPassword: string; newPassword: string }): Promise<PasswordChanged> {
  const { userId } = accountOwner(principal, SELF);
  const { user, refreshTokensRevoked } = await changePassword({ userId, currentPassword, newPassword });
  return { changed: true as const, revoked_refresh_tokens: refreshTokensRevoked, ...(await tokensAfterPasswordChange({ user })) };
}

export async function requestEmailChangeFor({ principal, newEmail, password }: { principal: Principal; newEmail: string; password: string }): Promise<EmailChange> {
  return requestEmailChange({ userId: accountOwner(principal, SELF).userId, newEmail, password });
}

export async function deleteAccountFor({ principal, password }: { principal: Principal; password: string }) {
  return deleteAccount({ userId: accountOwner(principal, SELF).userId, password });
}

export async function exportAccountFor({ principal }: { principal: Principal }) {
  return exportAccount({ userId: accountOwner(principal, "Your data is exported").userId });
}
