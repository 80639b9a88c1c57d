import "server-only";
// The words of every email the app sends. Links are built on APP_URL (else NEXTAUTH_URL, else this machine's
// address), never on the Host header of the request that asked: a forged Host would otherwise send a reset
// link that delivers its token to someone else's server.
import { getEnv } from "@/env";
import type { MailInput } from "./outbox";

export function appBaseUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

const SIGNATURE = "\n\n-- \nStock Hub";

export function passwordResetMail({ to, userId, token, validMinutes }: { to: string; userId: string; token: string; validMinutes: number }): MailInput {
  const link = `${appBaseUrl()}/reset-password?token=${encodeURIComponent(token)}`;
  return {
    to,
    userId,
    kind: "password_reset",
    subject: "Reset your Stock Hub password",
    text:
      `Someone (hopefully you) asked to reset the password of the Stock Hub account for this address.\n\n` +
      `Choose a new password here:\n${link}\n\n` +
      `The link works once and for ${validMinutes} minutes. If you did not ask, ignore this message: your password stays as it is.` +
      SIGNATURE,
  };
}

export function emailChangeMail({ to, userId, token, validHours }: { to: string; userId: string; token: string; validHours: number }): MailInput {
  const link = `${appBaseUrl()}/confirm-email?token=${encodeURIComponent(token)}`;
  return {
    to,
    userId,
    kind: "email_change",
    subject: "Confirm your new Stock Hub email address",
    text:
      `Your Stock Hub account asked to use this address from now on.\n\nConfirm it here:\n${link}\n\n` +
      `The link works once and for ${validHours} hours. If you did not ask, ignore this message and nothing changes.` +
      SIGNATURE,
  };
}

export function emailChangedMail({ to, userId, newEmail }: { to: string; userId: string; newEmail: string }): MailInput {
  return {
    to,
    userId,
    kind: "email_changed",
    subject: "Your Stock Hub email address was changed",
    text: `The email address of your Stock Hub account is now ${newEmail}. If you did not make this change, reset your password at once.` + SIGNATURE,
  };
}

export function passwordChangedMail({ to, userId, how }: { to: string; userId: string; how: "changed" | "reset" | "operator" }): MailInput {
  const what = how === "changed" ? "was changed" : how === "reset" ? "was reset with an emailed link" : "was reset by the site's operator";
  return {
    to,
    userId,
    kind: "password_changed",
    subject: "Your Stock Hub password was changed",
    text:
      `The password of your Stock Hub account ${what}. Every other session and sign-in token has been signed out.\n\n` +
      `If this was not you, reset your password at ${appBaseUrl()}/reset-password.` +
      SIGNATURE,
  };
}

export function alertMail({ to, userId, symbol, title, message, heldUntil }: { to: string; userId: string; symbol: string; title: string; message: string; heldUntil: Date | null }): MailInput {
  const held = heldUntil ? `\n\nThis alert fired during your quiet hours; it was held until they ended.` : "";
  return {
    to,
    userId,
    kind: "alert",
    subject: `Stock Hub alert: ${title}`,
    text:
      `${message}.${held}\n\n` +
      `See ${symbol}: ${appBaseUrl()}/stock/${encodeURIComponent(symbol)}\n` +
      `Your notifications: ${appBaseUrl()}/notifications\n\n` +
      `You get this email because the alert is set to notify you by email. Change its channels or remove it at ${appBaseUrl()}/alerts.` +
      SIGNATURE,
  };
}
