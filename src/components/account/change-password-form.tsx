"use client";
// Change password: the current one, the new one twice. Every other session is signed out by the server;
// this browser signs in again with the new password so the person stays signed in here.
import { signIn } from "next-auth/react";
import { useState } from "react";
import { buttonClass, inputClass } from "@/components/auth/styles";
import { callApi, newPasswordProblem, PASSWORD_RULE } from "./call-api";
import { Notice } from "./notice";

export function ChangePasswordForm({ username }: { username: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    setDone(null);
    const problem = !currentPassword ? "Current password: enter the password you use now." : newPasswordProblem(newPassword, String(form.get("repeatPassword") ?? ""));
    if (problem) return setError(problem);
    setPending(true);
    const r = await callApi("/api/auth/password", { body: { currentPassword, newPassword } });
    if (r.ok) await signIn("credentials", { login: username, password: newPassword, redirect: false }).catch(() => undefined);
    setPending(false);
    setError(r.error);
    if (r.ok) {
      formEl.reset();
      setDone("Password changed. Every other session and sign-in token has been signed out.");
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-3" data-testid="change-password-form">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        New password
        <input name="newPassword" type="password" autoComplete="new-password" className={inputClass} aria-describedby="password-rule" />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Repeat the new password
        <input name="repeatPassword" type="password" autoComplete="new-password" className={inputClass} />
      </label>
      <p id="password-rule" className="text-xs text-zinc-500 dark:text-zinc-400">
        {PASSWORD_RULE}
      </p>
      <Notice error={error} done={done} testId="change-password" />
      <button type="submit" disabled={pending} className={`${buttonClass} self-start`}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
