"use client";
// Delete the account: the password, and a box saying the person understands. Offers the export first.
import { useState } from "react";
import { reloadTo } from "@/components/auth/reload-to";
import { inputClass } from "@/components/auth/styles";
import { callApi } from "./call-api";
import { Notice } from "./notice";

const dangerClass =
  "inline-flex items-center justify-center self-start rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-600 disabled:opacity-50";

export function DeleteAccountForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    if (!password) return setError("Password: enter your password to confirm it is you.");
    if (form.get("understood") !== "on") return setError("Tick the box to confirm you understand that this cannot be undone.");
    setPending(true);
    const r = await callApi("/api/auth/me", { method: "DELETE", body: { password } });
    setPending(false);
    setError(r.error);
    if (r.ok) reloadTo("/?account=deleted");
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-3" data-testid="delete-account-form">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Your API keys, webhooks, alerts, watchlists and portfolios are deleted with the account, and you are signed out.{" "}
        <a href="/api/auth/me/export" download className="underline underline-offset-4" data-testid="export-link">
          Download your data (JSON)
        </a>{" "}
        first if you want to keep it.
      </p>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="current-password" className={inputClass} />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input name="understood" type="checkbox" /> I understand that deleting the account cannot be undone.
      </label>
      <Notice error={error} done={null} testId="delete-account" />
      <button type="submit" disabled={pending} className={dangerClass}>
        {pending ? "Deleting…" : "Delete my account"}
      </button>
    </form>
  );
}
