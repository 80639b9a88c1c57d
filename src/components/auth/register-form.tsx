"use client";
// Registration: creates the account through the API, then signs in with the same credentials.
import { signIn } from "next-auth/react";
import { reloadTo } from "./reload-to";
import { useState } from "react";
import { safeCallbackUrl } from "./safe-callback-url";
import { FormActions } from "./form-actions";
import { cardClass, inputClass } from "./styles";

export function RegisterForm({ callbackUrl }: { callbackUrl?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      email: String(form.get("email") ?? ""),
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    if (body.password !== String(form.get("confirm") ?? "")) {
      setError("The passwords do not match.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/register", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) {
        const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(data?.error?.message ?? `Registration failed (${res.status}).`);
        return;
      }
      const signedIn = await signIn("credentials", { login: body.email, password: body.password, redirect: false });
      if (!signedIn?.ok) {
        reloadTo(`/login?callbackUrl=${encodeURIComponent(safeCallbackUrl(callbackUrl))}`);
        return;
      }
      reloadTo(safeCallbackUrl(callbackUrl));
    } catch {
      setError("Registration failed. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className={`${cardClass} flex flex-col gap-4`} data-testid="register-form">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input name="email" type="email" autoComplete="email" required maxLength={254} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Username
        <input name="username" autoComplete="username" required minLength={3} maxLength={32} pattern="[A-Za-z0-9_\-]{3,32}" className={inputClass} />
        <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">3–32 letters, digits, “_” or “-”.</span>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="new-password" required minLength={10} className={inputClass} />
        <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">At least 10 characters; common passwords are refused.</span>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Confirm password
        <input name="confirm" type="password" autoComplete="new-password" required minLength={10} className={inputClass} />
      </label>
      <FormActions
        error={error}
        pending={pending}
        label="Create account"
        pendingLabel="Creating account…"
        prompt="Already registered?"
        linkPath="/login"
        linkLabel="Sign in"
        callbackUrl={callbackUrl}
      />
    </form>
  );
}
