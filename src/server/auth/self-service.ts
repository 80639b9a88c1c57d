// Account self-service: change the password, reset a forgotten one by an emailed link, move to a new email
// address once the new address confirms. Every path that sets a password signs the account out everywhere.
import "server-only";
import { getDb } from "@/lib/db";
import { badRequest, conflict } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { emailChangedMail, emailChangeMail, passwordChangedMail, passwordResetMail, queueMail } from "@/server/mail";
import type { EmailChange, EmailConfirmed, ResetAccepted, ResetDone } from "./account-schemas";
import { forgetAccountState } from "./account-state";
import {
  createLinkToken,
  EMAIL_CHANGE_VALID_HOURS,
  findLiveLink,
  recentLinkCount,
  RESET_MAILS_PER_HOUR,
  RESET_VALID_MINUTES,
  spendAllLinks,
  spendLink,
} from "./account-links";
import { hashPassword } from "./password";
import { revokeAllSessions } from "./revoke-sessions";
import { checkOwnPassword, type PublicUser } from "./users";

export const WRONG_PASSWORD = "The password is not correct";
export const LINK_INVALID = "This link is not valid: it has expired or was used already. Ask for a new one";

const isUniqueViolation = (err: unknown) => typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";

/** The register form's rule, for every new password: it must not contain the username. */
function assertPasswordFitsAccount({ password, username }: { password: string; username: string }): void {
  if (password.toLowerCase().includes(username.toLowerCase())) throw badRequest("newPassword: Password must not contain the username");
}

/** Sets a new password and signs the account out everywhere; the new token version is returned. */
async function setPassword({ user, password, how }: { user: PublicUser; password: string; how: "changed" | "reset" | "operator" }) {
  const passwordHash = await hashPassword({ password });
  const db = await getDb();
  await db.user.update({ where: { id: user.id }, data: { passwordHash } });
  const revoked = await revokeAllSessions({ userId: user.id });
  await queueMail({ mail: passwordChangedMail({ to: user.email, userId: user.id, how }) });
  return revoked;
}

/** POST /api/auth/password: the current password is required; other sessions and tokens end. */
export async function changePassword({ userId, currentPassword, newPassword }: { userId: string; currentPassword: string; newPassword: string }) {
  const user = await checkOwnPassword({ userId, password: currentPassword });
  if (!user) throw badRequest(`currentPassword: ${WRONG_PASSWORD}`);
  if (currentPassword === newPassword) throw badRequest("newPassword: The new password must differ from the current one");
  assertPasswordFitsAccount({ password: newPassword, username: user.username });
  const revoked = await setPassword({ user, password: newPassword, how: "changed" });
  return { user, ...revoked };
}

/**
 * POST /api/auth/password/reset: mails a reset link when the address has an account. The answer and its
 * timing are the same either way (the caller pads to a fixed minimum), so the route reveals nothing.
 */
export async function requestPasswordReset({ email, now = new Date() }: { email: string; now?: Date }): Promise<{ sent: boolean }> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return { sent: false };
  if ((await recentLinkCount({ userId: user.id, purpose: "password_reset", now })) >= RESET_MAILS_PER_HOUR) {
    logger.warn("password reset mail not sent: hourly limit for the account", { userId: user.id });
    return { sent: false };
  }
  const { token } = await createLinkToken({ userId: user.id, purpose: "password_reset", now });
  await queueMail({ mail: passwordResetMail({ to: user.email, userId: user.id, token, validMinutes: RESET_VALID_MINUTES }) });
  return { sent: true };
}

/** The link an operator hands over (CLI): the same token and mail as a person's own request, without the hourly limit. */
export async function issueOperatorReset({ email }: { email: string }): Promise<{ link: string; expiresAt: Date; mailId: string } | null> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return null;
  const { token, expiresAt } = await createLinkToken({ userId: user.id, purpose: "password_reset" });
  const mail = passwordResetMail({ to: user.email, userId: user.id, token, validMinutes: RESET_VALID_MINUTES });
  const { id } = await queueMail({ mail });
  return { link: /https?:\/\/\S+/.exec(mail.text)![0], expiresAt, mailId: id };
}

/** POST /api/auth/password/reset/confirm: spends the link, sets the password, signs out everywhere. */
export async function confirmPasswordReset({ token, newPassword }: { token: string; newPassword: string }): Promise<ResetDone> {
  const link = await findLiveLink({ token, purpose: "password_reset" });
  if (!link) throw badRequest(LINK_INVALID);
  const db = await getDb();
  const row = await db.user.findUnique({ where: { id: link.userId } });
  if (!row) throw badRequest(LINK_INVALID);
  // Checked before the link is spent, so a refused password does not cost the person their link.
  assertPasswordFitsAccount({ password: newPassword, username: row.username });
  if (!(await spendLink({ id: link.id }))) throw badRequest(LINK_INVALID);
  await spendAllLinks({ userId: row.id, purpose: "password_reset" });
  const user: PublicUser = { id: row.id, email: row.email, username: row.username, role: row.role === "admin" ? "admin" : "user", createdAt: row.createdAt };
  await setPassword({ user, password: newPassword, how: "reset" });
  return { reset: true };
}

/** POST /api/auth/email: with the password, mails a confirmation link to the new address; nothing changes until it is opened. */
export async function requestEmailChange({ userId, newEmail, password }: { userId: string; newEmail: string; password: string }): Promise<EmailChange> {
  const user = await checkOwnPassword({ userId, password });
  if (!user) throw badRequest(`password: ${WRONG_PASSWORD}`);
  if (user.email === newEmail) throw badRequest("newEmail: This is already your email address");
  const db = await getDb();
  if (await db.user.findUnique({ where: { email: newEmail }, select: { id: true } })) throw conflict("An account with this email already exists");
  const { token, expiresAt } = await createLinkToken({ userId, purpose: "email_change", newEmail });
  await queueMail({ mail: emailChangeMail({ to: newEmail, userId, token, validHours: EMAIL_CHANGE_VALID_HOURS }) });
  return { pending_email: newEmail, expires_at: expiresAt.toISOString() };
}

/** POST /api/auth/email/confirm: the new address opened its link; the account moves to it and the old address is told. */
export async function confirmEmailChange({ token }: { token: string }): Promise<EmailConfirmed> {
  const link = await findLiveLink({ token, purpose: "email_change" });
  if (!link?.newEmail) throw badRequest(LINK_INVALID);
  const db = await getDb();
  const before = await db.user.findUnique({ where: { id: link.userId }, select: { email: true } });
  if (!before || !(await spendLink({ id: link.id }))) throw badRequest(LINK_INVALID);
  try {
    await db.user.update({ where: { id: link.userId }, data: { email: link.newEmail } });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("Another account took this email address in the meantime");
    throw err;
  }
  await forgetAccountState({ userId: link.userId });
  await queueMail({ mail: emailChangedMail({ to: before.email, userId: link.userId, newEmail: link.newEmail }) });
  return { email: link.newEmail };
}

// Long enough to cover a reset's own work (two reads, two inserts, a job enqueued) on a loaded machine.
const RESET_ANSWER_MS = 400;

/** requestPasswordReset answered after the same fixed time whether or not the address has an account. */
export async function requestPasswordResetEvenly({ email }: { email: string }): Promise<ResetAccepted> {
  const started = Date.now();
  // A failure (database down) is an error, never a silent 202: the person must know to try again.
  await requestPasswordReset({ email });
  const left = RESET_ANSWER_MS - (Date.now() - started);
  if (left > 0) await new Promise((r) => setTimeout(r, left));
  return { accepted: true, message: "If an account uses this address, a link to reset its password is on its way. It works once and for one hour." };
}
