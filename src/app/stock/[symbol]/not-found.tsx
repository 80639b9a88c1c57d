// Unknown or malformed symbol: what this site carries, and the companies closest to what was typed.
import Link from "next/link";
import { availableTickers } from "@/components/market/example-symbols";
import { ClosestMatches } from "@/components/search/closest-matches";
import { TickerSearch } from "@/components/search/ticker-search";
import { liveMode } from "@/server/market";

export default function StockNotFound() {
  const carried = availableTickers();
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center gap-4 py-12 text-center" data-testid="not-found">
      <p className="text-sm font-medium text-zinc-500 dark:text-zinc-400">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Symbol not found</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {/* Offline, the connected services were not asked: only the shipped set's answer is known. */}
        {liveMode() === "online"
          ? `Neither the connected market-data services nor the ${carried.length} stocks shipped with this site know this symbol.`
          : `This site carries ${carried.length} large US stocks (daily prices from its shipped data set); this symbol is not one of them.`}
      </p>
      <ClosestMatches />
      <TickerSearch label="Find a symbol" className="w-full" available={carried} anySymbol={liveMode() === "online"} />
      <section className="w-full text-left" data-testid="carried-symbols" aria-labelledby="carried-heading">
        <h2 id="carried-heading" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
          All {carried.length} stocks on this site
        </h2>
        <ul className="mt-2 grid grid-cols-2 gap-x-4 sm:grid-cols-3">
          {carried.map((t) => (
            <li key={t.symbol}>
              <Link href={`/stock/${encodeURIComponent(t.symbol)}`} className="flex min-h-11 items-center gap-2 text-sm underline-offset-2 hover:underline">
                <span className="font-semibold">{t.symbol}</span>
                <span className="truncate text-zinc-600 dark:text-zinc-400">{t.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <Link href="/" className="text-sm underline underline-offset-4">
        Back to the market overview
      </Link>
    </div>
  );
}
