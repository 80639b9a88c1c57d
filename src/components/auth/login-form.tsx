"use client";
// Sign-in form: next-auth's credentials provider without its redirect, so errors show in place.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { reloadTo } from "./reload-to";
import { useState } from "react";
import { safeCallbackUrl } from "./safe-callback-url";
import { FormActions } from "./form-actions";
import { cardClass, inputClass } from "./styles";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Invalid credentials.",
  RateLimited: "Too many attempts. Wait a few minutes and try again.",
};

export function LoginForm({ callbackUrl, initialError }: { callbackUrl?: string; initialError?: string }) {
  const [error, setError] = useState<string | null>(initialError ? (MESSAGES[initialError] ?? "Sign-in failed.") : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      login: String(form.get("login") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    }).catch(() => undefined);
    setPending(false);
    if (!res?.ok) {
      setError(MESSAGES[res?.error ?? ""] ?? "Sign-in failed. Try again.");
      return;
    }
    reloadTo(safeCallbackUrl(callbackUrl));
  }

  return (
    <form onSubmit={onSubmit} className={`${cardClass} flex flex-col gap-4`} data-testid="login-form">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email or username
        <input name="login" autoComplete="username" required maxLength={254} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </label>
      <Link href="/reset-password" className="-mt-2 self-end text-sm text-zinc-600 underline underline-offset-4 dark:text-zinc-400">
        Forgot your password?
      </Link>
      <FormActions
        error={error}
        pending={pending}
        label="Sign in"
        pendingLabel="Signing in…"
        prompt="No account yet?"
        linkPath="/register"
        linkLabel="Register"
        callbackUrl={callbackUrl}
      />
    </form>
  );
}
