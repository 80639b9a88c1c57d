"use client";
// Change email: the new address and the password. Nothing changes until the new address opens its link.
import { useState } from "react";
import { buttonClass, inputClass } from "@/components/auth/styles";
import { callApi } from "./call-api";
import { Notice } from "./notice";

export function ChangeEmailForm({ current }: { current: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const newEmail = String(form.get("newEmail") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setDone(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(newEmail)) return setError("New email: enter an address like name@example.com.");
    if (newEmail.toLowerCase() === current.toLowerCase()) return setError("New email: this is already your address.");
    if (!password) return setError("Password: enter your password to confirm it is you.");
    setPending(true);
    const r = await callApi<{ pending_email: string }>("/api/auth/email", { body: { newEmail, password } });
    setPending(false);
    setError(r.error);
    if (r.ok) {
      formEl.reset();
      setDone(`We sent a link to ${r.data?.pending_email ?? newEmail}. Your address changes when you open it (within 24 hours).`);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-3" data-testid="change-email-form">
      <label className="flex flex-col gap-1 text-sm font-medium">
        New email
        <input name="newEmail" type="email" autoComplete="email" maxLength={254} className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="current-password" className={inputClass} />
      </label>
      <Notice error={error} done={done} testId="change-email" />
      <button type="submit" disabled={pending} className={`${buttonClass} self-start`}>
        {pending ? "Sending…" : "Send confirmation link"}
      </button>
    </form>
  );
}
