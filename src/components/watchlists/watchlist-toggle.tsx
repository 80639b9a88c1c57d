"use client";
// On a stock page: which of the person's watchlists hold this symbol, each a checkbox that adds or removes it
// (at the end of the list; order is changed on the watchlists page). Without a list, one click makes one.
import Link from "next/link";
import { useState } from "react";
import { callApi } from "@/components/account/call-api";
import { Notice } from "@/components/account/notice";
import type { WatchlistJson } from "@/server/watchlists";

export type ListSummary = Pick<WatchlistJson, "id" | "name" | "symbols">;

export function WatchlistToggle({ symbol, initial }: { symbol: string; initial: ListSummary[] }) {
  const [lists, setLists] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function toggle(list: ListSummary) {
    const has = list.symbols.includes(symbol);
    const symbols = has ? list.symbols.filter((s) => s !== symbol) : [...list.symbols, symbol];
    setPending(true);
    const r = await callApi<ListSummary>(`/api/watchlists/${list.id}`, { method: "PATCH", body: { symbols } });
    setPending(false);
    setError(r.error);
    if (r.ok && r.data) {
      setLists((ls) => ls.map((l) => (l.id === list.id ? { ...l, symbols: r.data!.symbols } : l)));
      setDone(has ? `Removed ${symbol} from ${list.name}.` : `Added ${symbol} to ${list.name}.`);
    }
  }

  async function createFirst() {
    setPending(true);
    const r = await callApi<ListSummary>("/api/watchlists", { body: { name: "My watchlist", symbols: [symbol] } });
    setPending(false);
    setError(r.error);
    if (r.ok && r.data) {
      setLists([r.data]);
      setDone(`Added ${symbol} to My watchlist. It is on your home page now.`);
    }
  }

  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="watchlist-toggle">
      {lists.length === 0 ? (
        <button type="button" onClick={createFirst} disabled={pending} className="self-start rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
          + Add {symbol} to a new watchlist
        </button>
      ) : (
        <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <legend className="mb-1 text-zinc-500 dark:text-zinc-400">In your watchlists</legend>
          {lists.map((l) => (
            <label key={l.id} className="flex items-center gap-1.5">
              <input type="checkbox" checked={l.symbols.includes(symbol)} disabled={pending} onChange={() => toggle(l)} />
              {l.name}
            </label>
          ))}
          <Link href="/watchlists" className="text-zinc-500 dark:text-zinc-400 underline underline-offset-4">
            Manage
          </Link>
        </fieldset>
      )}
      <Notice error={error} done={done} testId="watchlist-toggle" />
    </div>
  );
}
