"use client";
// Choose one or several symbols: type to search the available ones, chips to remove; the URL holds the choice.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { isSymbol } from "@/lib/symbol";
import { predictHref, PREDICT_MAX_SYMBOLS, type PredictState } from "./predict-url";

/** `anySymbol`: a live provider is configured, so a typed ticker outside the list is accepted too (it may know it). */
export function SymbolPicker({ state, available, anySymbol = false }: { state: PredictState; available: { symbol: string; name: string }[]; anySymbol?: boolean }) {
  const router = useRouter();
  const [q, setQ] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const full = state.symbols.length >= PREDICT_MAX_SYMBOLS;
  const needle = q.trim().toUpperCase();
  const matches = needle ? available.filter((a) => !state.symbols.includes(a.symbol) && (a.symbol.startsWith(needle) || a.name.toUpperCase().includes(needle))).slice(0, 8) : [];
  const add = (symbol: string) => {
    setQ("");
    setNote(null);
    router.push(predictHref({ ...state, symbols: [...state.symbols, symbol] }));
  };
  return (
    <div className="flex flex-col gap-2" data-testid="symbol-picker">
      <div className="flex flex-wrap items-center gap-2">
        {state.symbols.map((s) => (
          <span key={s} className="inline-flex items-center gap-1 rounded-full bg-zinc-900 px-3 py-1 text-sm font-medium text-white dark:bg-zinc-100 dark:text-zinc-900" data-testid="symbol-chip">
            {s}
            <Link href={predictHref({ ...state, symbols: state.symbols.filter((x) => x !== s) })} aria-label={`Remove ${s}`} className="ml-1 opacity-70 hover:opacity-100">
              ×
            </Link>
          </span>
        ))}
        <form
          className="relative"
          onSubmit={(e) => {
            e.preventDefault();
            const exact = available.find((a) => a.symbol === needle);
            if (exact && !state.symbols.includes(exact.symbol)) add(exact.symbol);
            else if (matches[0]) add(matches[0].symbol);
            else if (anySymbol && isSymbol(needle) && !state.symbols.includes(needle)) add(needle);
            else setNote(needle ? `No matches for “${q.trim()}”.` : null);
          }}
        >
          <input
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setNote(null);
            }}
            disabled={full}
            placeholder={full ? `Up to ${PREDICT_MAX_SYMBOLS} symbols` : "Add a symbol…"}
            aria-label="Add a symbol"
            className="w-48 rounded-md border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700"
          />
          {matches.length > 0 && (
            <ul role="listbox" className="absolute z-10 mt-1 w-64 overflow-hidden rounded-md border border-zinc-200 bg-white shadow dark:border-zinc-700 dark:bg-zinc-900">
              {matches.map((m) => (
                <li key={m.symbol}>
                  <button type="button" role="option" aria-selected={false} onClick={() => add(m.symbol)} className="flex w-full gap-2 px-2 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
                    <span className="font-medium">{m.symbol}</span>
                    <span className="truncate text-zinc-500 dark:text-zinc-400">{m.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </form>
      </div>
      {note && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">
          {note} Available: {available.map((a) => a.symbol).join(", ")}.
        </p>
      )}
    </div>
  );
}
