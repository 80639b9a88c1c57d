"use client";
// The end of the header search's suggestions for a signed-in person: one button per watchlist that adds the
// suggestion to it (at the end; order is changed on the watchlists page), or a new list when they have none.
// The person's lists are fetched once, the first time suggestions open.
import Link from "next/link";
import { useState } from "react";
import useSWR from "swr";
import { callApi } from "@/components/account/call-api";
import type { WatchlistJson } from "@/server/watchlists";

type List = Pick<WatchlistJson, "id" | "name" | "symbols">;

async function fetchLists(url: string): Promise<List[]> {
  const res = await fetch(url);
  if (!res.ok) throw new Error("Your watchlists could not be loaded");
  return ((await res.json()) as { watchlists: List[] }).watchlists;
}

const chipClass =
  "inline-flex min-h-8 items-center rounded-md border border-zinc-300 px-2 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-600 dark:hover:bg-zinc-800";

export function AddToWatchlist({ symbol }: { symbol: string }) {
  const { data: lists, error: loadError, mutate } = useSWR("/api/watchlists", fetchLists, { revalidateOnFocus: false });
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function add(list: List | null) {
    setPending(true);
    const r = list
      ? await callApi<List>(`/api/watchlists/${list.id}`, { method: "PATCH", body: { symbols: [...list.symbols, symbol] } })
      : await callApi<List>("/api/watchlists", { body: { name: "My watchlist", symbols: [symbol] } });
    setPending(false);
    if (!r.ok || !r.data) return setSaid({ ok: false, text: r.error ?? "The watchlist could not be changed." });
    const saved = r.data;
    await mutate((old) => (list ? (old ?? []).map((l) => (l.id === saved.id ? saved : l)) : [saved]), { revalidate: false });
    setSaid({ ok: true, text: `Added ${symbol} to ${saved.name}.` });
  }

  return (
    <div className="border-t border-zinc-200 px-3 py-2 text-xs text-zinc-700 dark:border-zinc-700 dark:text-zinc-300" data-testid="search-add-to-list">
      {loadError ? (
        <p>Your watchlists could not be loaded.</p>
      ) : !lists ? (
        <p>Loading your watchlists…</p>
      ) : (
        <div className="flex flex-wrap items-center gap-1.5">
          <span>Add {symbol} to:</span>
          {lists.length === 0 && (
            <button type="button" className={chipClass} disabled={pending} onClick={() => void add(null)}>
              a new watchlist
            </button>
          )}
          {lists.map((l) =>
            l.symbols.includes(symbol) ? (
              <span key={l.id} className="inline-flex min-h-8 items-center px-1 text-zinc-600 dark:text-zinc-400">
                ✓ in {l.name}
              </span>
            ) : (
              <button key={l.id} type="button" className={chipClass} disabled={pending} onClick={() => void add(l)} aria-label={`Add ${symbol} to ${l.name}`}>
                + {l.name}
              </button>
            ),
          )}
          <Link href="/watchlists" className="ml-auto underline underline-offset-2">
            Manage
          </Link>
        </div>
      )}
      <p role="status" className={said?.ok === false ? "mt-1 text-rose-700 dark:text-rose-300" : "mt-1"}>
        {said?.text ?? ""}
      </p>
    </div>
  );
}
