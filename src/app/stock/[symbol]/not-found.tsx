// Unknown or malformed symbol.
import Link from "next/link";
import { ExampleSymbols } from "@/components/market/example-symbol-links";
import { availableSymbols } from "@/components/market/example-symbols";
import { TickerSearch } from "@/components/search/ticker-search";

export default function StockNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center" data-testid="not-found">
      <p className="text-sm font-medium text-zinc-500 dark:text-zinc-400">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Symbol not found</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No market-data source knows this symbol. Symbols are 1-10 characters of A-Z, 0-9, &quot;.&quot; or &quot;-&quot;.
      </p>
      <ExampleSymbols lead="Try" />
      <TickerSearch label="Find a symbol" className="w-full" available={availableSymbols()} />
      <Link href="/" className="text-sm underline underline-offset-4">
        Back to the market overview
      </Link>
    </div>
  );
}
