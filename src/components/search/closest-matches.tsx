"use client";
// On the unknown-symbol page: the companies closest to what was typed in the address (/stock/MIRCOSOFT ->
// Microsoft), from the same search the search box uses. not-found pages get no params, so the address is read here.
import Link from "next/link";
import { usePathname } from "next/navigation";
import useSWR from "swr";
import type { TickerMatch } from "@/server/market";

type Match = Pick<TickerMatch, "symbol" | "name">;

function typedSymbol(pathname: string | null): string {
  const raw = pathname?.split("/")[2] ?? "";
  try {
    return decodeURIComponent(raw).trim().slice(0, 50);
  } catch {
    return raw.slice(0, 50);
  }
}

async function fetchMatches(url: string): Promise<Match[]> {
  const res = await fetch(url);
  if (!res.ok) return [];
  return ((await res.json()) as { results?: Match[] }).results ?? [];
}

export function ClosestMatches() {
  const typed = typedSymbol(usePathname());
  const { data } = useSWR(typed ? `/api/tickers/search?q=${encodeURIComponent(typed)}&limit=5` : null, fetchMatches, { revalidateOnFocus: false });
  if (!typed || !data?.length) return null;
  return (
    <div className="w-full text-left" data-testid="closest-matches">
      <h2 className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Closest to &ldquo;{typed}&rdquo;</h2>
      <ul className="mt-1 divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {data.map((m) => (
          <li key={m.symbol}>
            <Link href={`/stock/${encodeURIComponent(m.symbol)}`} className="flex min-h-11 items-center gap-3 px-3 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-900">
              <span className="w-14 font-semibold">{m.symbol}</span>
              <span className="text-zinc-600 dark:text-zinc-400">{m.name}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
