"use client";
// Create, list and revoke API keys. A new key is shown once, right after creation.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import type { apiKeyViewSchema } from "@/server/auth";
import { buttonClass, cardClass, errorClass, inputClass } from "./styles";

/** A key as the API answers it (dates as ISO strings). */
export type ApiKeyRow = z.input<typeof apiKeyViewSchema>;

/** One <option> per tier, with its per-minute budget. */
export function TierOptions({ tiers, limits }: { tiers: ApiKeyRow["tier"][]; limits: Record<string, number> }) {
  return tiers.map((t) => (
    <option key={t} value={t}>
      {t} ({limits[t]}/min)
    </option>
  ));
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

async function errorText(res: Response): Promise<string> {
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return data?.error?.message ?? `Request failed (${res.status})`;
}

export function ApiKeyManager({ keys, tiers, limits }: { keys: ApiKeyRow[]; tiers: ApiKeyRow["tier"][]; limits: Record<string, number> }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setPending(true);
    setError(null);
    const res = await fetch("/api/keys", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: String(form.get("name") ?? ""), tier: String(form.get("tier") ?? "default") }),
    });
    setPending(false);
    if (!res.ok) return setError(await errorText(res));
    const data = (await res.json()) as { key: string; apiKey: ApiKeyRow };
    setCreated({ name: data.apiKey.name, key: data.key });
    formEl.reset();
    router.refresh();
  }

  async function revoke(id: string) {
    setError(null);
    const res = await fetch(`/api/keys/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (!res.ok) return setError(await errorText(res));
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={create} className={`${cardClass} flex flex-col gap-4 sm:flex-row sm:items-end`} data-testid="create-key-form">
        <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
          Key name
          <input name="name" required maxLength={64} placeholder="e.g. research notebook" className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Tier
          <select name="tier" className={inputClass} defaultValue="default">
            <TierOptions tiers={tiers} limits={limits} />
          </select>
        </label>
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Creating…" : "Create key"}
        </button>
      </form>

      {created && (
        <div className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm dark:border-emerald-800 dark:bg-emerald-950" data-testid="new-key">
          <p className="font-medium">Key “{created.name}” created. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="flex-1 break-all rounded bg-white px-2 py-1 font-mono dark:bg-zinc-900" data-testid="new-key-value">
              {created.key}
            </code>
            <button type="button" className={buttonClass} onClick={() => void navigator.clipboard?.writeText(created.key)}>
              Copy
            </button>
          </div>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            Send it as <code>X-API-Key: {created.key.slice(0, 12)}…</code> or <code>Authorization: Bearer sk_…</code>.
          </p>
        </div>
      )}

      {error && (
        <p role="alert" className={errorClass}>
          {error}
        </p>
      )}

      <div className={`${cardClass} overflow-x-auto p-0`} tabIndex={0} role="region" aria-label="Your API keys">
        <table className="w-full text-left text-sm" data-testid="key-table">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:text-zinc-400 dark:border-zinc-800">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Key</th>
              <th className="px-4 py-2">Tier</th>
              <th className="px-4 py-2">Created</th>
              <th className="px-4 py-2">Last used</th>
              <th className="px-4 py-2 text-right">Requests</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {keys.length === 0 && (
              <tr>
                <td colSpan={7} className="px-4 py-6 text-center text-zinc-500 dark:text-zinc-400">
                  No API keys yet.
                </td>
              </tr>
            )}
            {keys.map((k) => (
              <tr key={k.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800" data-testid="key-row" data-key-name={k.name}>
                <td className="px-4 py-2 font-medium">{k.name}</td>
                <td className="px-4 py-2 font-mono text-xs">{k.prefix}…</td>
                <td className="px-4 py-2">{k.tier}</td>
                <td className="px-4 py-2">{when(k.createdAt)}</td>
                <td className="px-4 py-2">{when(k.lastUsedAt)}</td>
                <td className="px-4 py-2 text-right tabular-nums" data-testid="key-usage">
                  {k.usageCount}
                </td>
                <td className="px-4 py-2 text-right">
                  {k.revokedAt ? (
                    <span className="text-zinc-500 dark:text-zinc-400" data-testid="key-revoked">
                      revoked {when(k.revokedAt)}
                    </span>
                  ) : (
                    <button type="button" onClick={() => void revoke(k.id)} className="text-red-600 hover:underline dark:text-red-400" data-testid="revoke-key">
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
