"use client";
// Ticker search with suggestions; Enter opens the best match (asking the server first when the suggestions
// are behind the text), a click opens the one clicked. When nothing matches, what the site carries is listed
// as links. Signed in, the suggestions end with buttons that add the top match (or the one chosen with the
// arrow keys) to one of the person's watchlists.
import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import useSWR from "swr";
import { isSymbol } from "@/lib/symbol";
import { AddToWatchlist } from "./add-to-watchlist";

interface TickerSuggestion {
  symbol: string;
  name: string;
  exchange?: string;
}

async function fetchSuggestions(url: string): Promise<TickerSuggestion[]> {
  const res = await fetch(url);
  if (!res.ok) return [];
  const body = (await res.json()) as { results?: TickerSuggestion[] };
  return body.results ?? [];
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const searchUrl = (q: string) => `/api/tickers/search?q=${encodeURIComponent(q)}`;

/**
 * `available`: what to list when a search matches nothing (the server passes the symbols it can serve);
 * `anySymbol`: a live provider is configured, so Enter on a symbol-shaped text no search knows still opens its page.
 * `label` names the search landmark: a page with two searches (header and page) needs two names.
 * `signedIn`: offer adding a suggestion to the person's watchlists.
 */
export function TickerSearch({
  autoFocus = false,
  className = "",
  available = [],
  anySymbol = false,
  label = "Search tickers",
  signedIn = false,
}: {
  autoFocus?: boolean;
  className?: string;
  available?: { symbol: string; name: string }[];
  anySymbol?: boolean;
  label?: string;
  signedIn?: boolean;
}) {
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // The option chosen with the arrow keys (hovering highlights without choosing what gets added to a list).
  const [picked, setPicked] = useState(-1);
  const [message, setMessage] = useState<string | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const q = useDebounced(text.trim(), 150);
  const { data: suggestions = [], isValidating } = useSWR(q ? searchUrl(q) : null, fetchSuggestions, {
    keepPreviousData: true,
    revalidateOnFocus: false,
  });
  const list = q ? suggestions.slice(0, 8) : [];
  const [unmatched, setUnmatched] = useState<string | null>(null);
  const noMatches = open && !message && ((q !== "" && q === text.trim() && !isValidating && suggestions.length === 0) || unmatched === text.trim());

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (!boxRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, []);

  const go = (symbol: string) => {
    setOpen(false);
    setMessage(null);
    setText("");
    router.push(`/stock/${encodeURIComponent(symbol)}`);
  };

  const submit = async () => {
    const raw = text.trim();
    if (!raw) return setMessage("Type a ticker symbol or a company name, e.g. AAPL or Apple.");
    if (active >= 0 && list[active]) return go(list[active].symbol);
    // Typed faster than the suggestions came: ask for this exact text before choosing.
    const current = q === raw && !isValidating ? suggestions : await fetchSuggestions(searchUrl(raw));
    const upper = raw.toUpperCase();
    const best = current.find((s) => s.symbol.toUpperCase() === upper) ?? current[0];
    if (best) return go(best.symbol);
    if (!isSymbol(upper)) return setMessage(`No company or ticker symbol matches "${raw}".`);
    // Symbol-shaped but unknown here: only a live provider may still serve it (its 404 offers the closest matches).
    if (!anySymbol && available.length > 0) {
      setOpen(true);
      return setUnmatched(raw);
    }
    go(upper);
  };

  return (
    <div ref={boxRef} className={`relative ${className}`}>
      <form
        role="search"
        aria-label={label}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={`${listId}-input`} className="sr-only">
          Search tickers
        </label>
        <input
          id={`${listId}-input`}
          data-testid="ticker-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          placeholder="Search symbol or company…"
          value={text}
          role="combobox"
          aria-expanded={open && list.length > 0}
          aria-controls={`${listId}-list`}
          aria-activedescendant={active >= 0 ? `${listId}-opt-${active}` : undefined}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${listId}-msg` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
            setPicked(-1);
            setMessage(null);
            setUnmatched(null);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setOpen(true);
              const i = Math.min(active + 1, list.length - 1);
              setActive(i);
              setPicked(i);
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              const i = Math.max(active - 1, -1);
              setActive(i);
              setPicked(i);
            } else if (e.key === "Escape") {
              setOpen(false);
            }
          }}
          className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm outline-none placeholder:text-zinc-400 focus:border-zinc-500 focus:ring-2 focus:ring-zinc-200 dark:border-zinc-700 dark:bg-zinc-900 dark:focus:border-zinc-500 dark:focus:ring-zinc-800"
        />
      </form>
      {open && list.length > 0 && (
        <div className="absolute z-30 mt-1 w-full min-w-64 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          <ul id={`${listId}-list`} role="listbox" data-testid="ticker-suggestions" className="max-h-80 overflow-auto py-1">
            {list.map((s, i) => (
              <li
                key={s.symbol}
                id={`${listId}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  go(s.symbol);
                }}
                onMouseEnter={() => setActive(i)}
                className={`flex cursor-pointer items-baseline gap-2 px-3 py-1.5 text-sm ${i === active ? "bg-zinc-100 dark:bg-zinc-800" : ""}`}
              >
                <span className="w-16 shrink-0 font-semibold">{s.symbol}</span>
                <span className="truncate text-zinc-600 dark:text-zinc-400">{s.name}</span>
                {s.exchange && <span className="ml-auto shrink-0 text-[11px] text-zinc-600 dark:text-zinc-400">{s.exchange}</span>}
              </li>
            ))}
          </ul>
          {signedIn && <AddToWatchlist symbol={(list[picked] ?? list[0]!).symbol} />}
        </div>
      )}
      {noMatches && (
        <div role="status" data-testid="ticker-search-empty" className="absolute z-30 mt-1 max-h-80 w-full min-w-64 overflow-auto rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-600 shadow dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
          <p>No company or symbol matches &ldquo;{text.trim()}&rdquo;.{available.length > 0 ? " This site carries:" : ""}</p>
          {available.length > 0 && (
            <ul className="mt-1 grid grid-cols-2 gap-x-3">
              {available.map((a) => (
                <li key={a.symbol}>
                  <Link href={`/stock/${encodeURIComponent(a.symbol)}`} onClick={() => setOpen(false)} className="flex min-h-8 items-center gap-1.5 underline-offset-2 hover:underline">
                    <span className="font-semibold text-zinc-900 dark:text-zinc-100">{a.symbol}</span>
                    <span className="truncate">{a.name}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {message && (
        <p id={`${listId}-msg`} role="alert" data-testid="ticker-search-error" className="absolute z-30 mt-1 w-full min-w-64 rounded-md bg-rose-50 px-3 py-1.5 text-xs text-rose-700 shadow dark:bg-rose-950 dark:text-rose-300">
          {message}
        </p>
      )}
    </div>
  );
}
