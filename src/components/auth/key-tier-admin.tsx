"use client";
// Admins: find an account's API keys and grant or take back a tier. Users create default-tier keys only.
import { useState } from "react";
import { TierOptions, type ApiKeyRow } from "./api-key-manager";
import { buttonClass, cardClass, errorClass, inputClass } from "./styles";

type Found = { user: { username: string; email: string }; keys: ApiKeyRow[] };

async function errorText(res: Response): Promise<string> {
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return data?.error?.message ?? "That did not work; please try again.";
}

export function KeyTierAdmin({ tiers, limits }: { tiers: ApiKeyRow["tier"][]; limits: Record<string, number> }) {
  const [login, setLogin] = useState("");
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function lookUp(account: string) {
    setError(null);
    setSaved(null);
    const res = await fetch(`/api/admin/keys?login=${encodeURIComponent(account)}`);
    if (!res.ok) {
      setFound(null);
      return setError(await errorText(res));
    }
    setFound((await res.json()) as Found);
  }

  async function grant(key: ApiKeyRow, tier: string) {
    setError(null);
    setSaved(null);
    const res = await fetch(`/api/admin/keys/${encodeURIComponent(key.id)}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ tier }),
    });
    if (!res.ok) return setError(await errorText(res));
    setSaved(`“${key.name}” is now ${tier}.`);
    await lookUp(login);
  }

  return (
    <div className="flex flex-col gap-4" data-testid="key-tier-admin">
      <form
        className={`${cardClass} flex flex-col gap-4 sm:flex-row sm:items-end`}
        onSubmit={(e) => {
          e.preventDefault();
          void lookUp(login);
        }}
      >
        <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
          Account (email or username)
          <input value={login} onChange={(e) => setLogin(e.target.value)} required maxLength={254} className={inputClass} name="login" />
        </label>
        <button type="submit" className={buttonClass}>
          Find keys
        </button>
      </form>
      {error && (
        <p role="alert" className={errorClass}>
          {error}
        </p>
      )}
      {saved && <p className="text-sm text-emerald-700 dark:text-emerald-400">{saved}</p>}
      {found && (
        <div className={`${cardClass} overflow-x-auto p-0`} tabIndex={0} role="region" aria-label="Keys found">
          <table className="w-full text-left text-sm" data-testid="admin-key-table">
            <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:text-zinc-400 dark:border-zinc-800">
              <tr>
                <th className="px-4 py-2">Key of {found.user.username}</th>
                <th className="px-4 py-2">Prefix</th>
                <th className="px-4 py-2">Tier</th>
              </tr>
            </thead>
            <tbody>
              {found.keys.length === 0 && (
                <tr>
                  <td colSpan={3} className="px-4 py-6 text-center text-zinc-500 dark:text-zinc-400">
                    This account has no API keys.
                  </td>
                </tr>
              )}
              {found.keys.map((k) => (
                <tr key={k.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800" data-testid="admin-key-row" data-key-name={k.name}>
                  <td className="px-4 py-2 font-medium">{k.name}</td>
                  <td className="px-4 py-2 font-mono text-xs">{k.prefix}…</td>
                  <td className="px-4 py-2">
                    {k.revokedAt ? (
                      <span className="text-zinc-500 dark:text-zinc-400">revoked</span>
                    ) : (
                      <select aria-label={`Tier of ${k.name}`} value={k.tier} onChange={(e) => void grant(k, e.target.value)} className={inputClass}>
                        <TierOptions tiers={tiers} limits={limits} />
                      </select>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
