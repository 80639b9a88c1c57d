"use client";
// The watchlists page: make a list, and per list rename it, add a symbol, move symbols up and down, remove
// them, or delete the list. Every change is saved at once (the whole new list is sent) and said in words.
import { useState } from "react";
import { callApi } from "@/components/account/call-api";
import { NewNameForm } from "@/components/account/new-name-form";
import { Notice } from "@/components/account/notice";
import { buttonClass, cardClass, inputClass } from "@/components/auth/styles";
import { SYMBOL_PATTERN } from "@/lib/symbol";
import type { ListSummary } from "./watchlist-toggle";

const smallButton = "rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800";

function ListCard({ list, onChange, onDelete }: { list: ListSummary; onChange: (l: ListSummary) => void; onDelete: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function save(body: { name?: string; symbols?: string[] }, said: string) {
    setPending(true);
    const r = await callApi<ListSummary>(`/api/watchlists/${list.id}`, { method: "PATCH", body });
    setPending(false);
    setError(r.error);
    setDone(r.ok ? said : null);
    if (r.ok && r.data) onChange(r.data);
    return r.ok;
  }
  const move = (i: number, by: number) => {
    const s = [...list.symbols];
    [s[i], s[i + by]] = [s[i + by], s[i]];
    return save({ symbols: s }, `Moved ${list.symbols[i]} ${by < 0 ? "up" : "down"}.`);
  };

  async function add(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const symbol = String(new FormData(formEl).get("symbol") ?? "").trim().toUpperCase();
    setDone(null);
    if (!SYMBOL_PATTERN.test(symbol)) return setError("Symbol: use 1-10 letters, digits, '.' or '-', like AAPL or BRK.B.");
    if (list.symbols.includes(symbol)) return setError(`${symbol} is already in this list.`);
    if (await save({ symbols: [...list.symbols, symbol] }, `Added ${symbol}.`)) formEl.reset();
  }

  async function rename(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
    if (!name) return setError("Name: give the list a name.");
    await save({ name }, `Renamed to ${name}.`);
  }

  async function remove() {
    setPending(true);
    const r = await callApi(`/api/watchlists/${list.id}`, { method: "DELETE" });
    setPending(false);
    setError(r.error);
    if (r.ok) onDelete();
  }

  return (
    <li className={`${cardClass} flex flex-col gap-3`} data-testid="watchlist-card" data-name={list.name}>
      <form onSubmit={rename} noValidate className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium">
          List name
          <input name="name" defaultValue={list.name} maxLength={40} className={inputClass} />
        </label>
        <button type="submit" disabled={pending} className={smallButton}>
          Rename
        </button>
        <button type="button" onClick={remove} disabled={pending} className={`${smallButton} text-red-700 dark:text-red-300`}>
          Delete list
        </button>
      </form>
      {list.symbols.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No symbols yet.</p>
      ) : (
        <ol className="flex flex-col divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="watchlist-symbols">
          {list.symbols.map((s, i) => (
            <li key={s} className="flex items-center justify-between gap-2 py-1.5" data-testid="watchlist-symbol">
              <a href={`/stock/${encodeURIComponent(s)}`} className="font-medium underline-offset-4 hover:underline">
                {s}
              </a>
              <span className="flex gap-1">
                <button type="button" aria-label={`Move ${s} up`} disabled={pending || i === 0} onClick={() => move(i, -1)} className={smallButton}>
                  ↑
                </button>
                <button type="button" aria-label={`Move ${s} down`} disabled={pending || i === list.symbols.length - 1} onClick={() => move(i, 1)} className={smallButton}>
                  ↓
                </button>
                <button type="button" aria-label={`Remove ${s}`} disabled={pending} onClick={() => save({ symbols: list.symbols.filter((x) => x !== s) }, `Removed ${s}.`)} className={smallButton}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={add} noValidate className="flex items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium">
          Add a symbol
          <input name="symbol" placeholder="e.g. AAPL" maxLength={10} autoCapitalize="characters" className={inputClass} />
        </label>
        <button type="submit" disabled={pending} className={buttonClass}>
          Add
        </button>
      </form>
      <Notice error={error} done={done} testId="watchlist-card" />
    </li>
  );
}

export function WatchlistEditor({ initial }: { initial: ListSummary[] }) {
  const [lists, setLists] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const name = String(new FormData(formEl).get("name") ?? "").trim();
    if (!name) return setError("Name: give the new list a name, like Tech or Dividends.");
    setPending(true);
    const r = await callApi<ListSummary>("/api/watchlists", { body: { name, symbols: [] } });
    setPending(false);
    setError(r.error);
    if (r.ok && r.data) {
      setLists((ls) => [...ls, r.data!]);
      formEl.reset();
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <NewNameForm label="New list" placeholder="e.g. Tech" pending={pending} onSubmit={create} testId="new-watchlist-form" />
      <Notice error={error} done={null} testId="new-watchlist" />
      <ul className="grid gap-4 lg:grid-cols-2">
        {lists.map((l) => (
          <ListCard
            key={l.id}
            list={l}
            onChange={(n) => setLists((ls) => ls.map((x) => (x.id === n.id ? n : x)))}
            onDelete={() => setLists((ls) => ls.filter((x) => x.id !== l.id))}
          />
        ))}
      </ul>
    </div>
  );
}
