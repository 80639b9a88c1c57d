"use client";
// The two halves of a forgotten password: ask for a link by email, then (from the link) choose a new password.
import Link from "next/link";
import { useState } from "react";
import { buttonClass, cardClass, inputClass } from "@/components/auth/styles";
import { callApi, newPasswordProblem, PASSWORD_RULE } from "./call-api";
import { Notice } from "./notice";

export function ResetRequestForm() {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "").trim();
    setDone(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return setError("Email: enter the address of your account, like name@example.com.");
    setPending(true);
    const r = await callApi<{ message: string }>("/api/auth/password/reset", { body: { email } });
    setPending(false);
    setError(r.error);
    if (r.ok) setDone(r.data?.message ?? "If an account uses this address, a link is on its way.");
  }

  return (
    <form onSubmit={onSubmit} noValidate className={`${cardClass} flex flex-col gap-4`} data-testid="reset-request-form">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Enter the email address of your account and we will send a link to choose a new password.</p>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input name="email" type="email" autoComplete="email" maxLength={254} className={inputClass} />
      </label>
      <Notice error={error} done={done} testId="reset-request" />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Sending…" : "Send reset link"}
      </button>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Remembered it? <Link href="/login" className="underline underline-offset-4">Sign in</Link>
      </p>
    </form>
  );
}

export function ResetConfirmForm({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const newPassword = String(form.get("newPassword") ?? "");
    const problem = newPasswordProblem(newPassword, String(form.get("repeatPassword") ?? ""));
    if (problem) return setError(problem);
    setPending(true);
    const r = await callApi("/api/auth/password/reset/confirm", { body: { token, newPassword } });
    setPending(false);
    setError(r.error);
    setDone(r.ok);
  }

  if (done) {
    return (
      <div className={`${cardClass} flex flex-col gap-3`} data-testid="reset-confirm-done">
        <p className="text-sm">Your password is changed, and every session that used the old one is signed out.</p>
        <Link href="/login?callbackUrl=%2Faccount" className={`${buttonClass} self-start`}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className={`${cardClass} flex flex-col gap-4`} data-testid="reset-confirm-form">
      <label className="flex flex-col gap-1 text-sm font-medium">
        New password
        <input name="newPassword" type="password" autoComplete="new-password" className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Repeat the new password
        <input name="repeatPassword" type="password" autoComplete="new-password" className={inputClass} />
      </label>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{PASSWORD_RULE} The link works once and for one hour.</p>
      <Notice error={error} done={null} testId="reset-confirm" />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Saving…" : "Set new password"}
      </button>
      {error?.startsWith("This link is not valid") && (
        <Link href="/reset-password" className="text-sm underline underline-offset-4">
          Ask for a new link
        </Link>
      )}
    </form>
  );
}
