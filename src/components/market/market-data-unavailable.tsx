// The stock page when the quote cannot be served (no provider answers, or the stored data for this symbol
// failed its checks): said in words, with a way on, instead of the error page.
import Link from "next/link";

export function MarketDataUnavailable({ symbol }: { symbol: string }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center" role="alert" data-testid="market-data-unavailable">
      <h1 className="text-2xl font-semibold tracking-tight">{symbol}: market data unavailable</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Market data for {symbol} cannot be shown right now. Other stocks are not affected. Try again later.
      </p>
      <div className="flex gap-3">
        <Link href={`/stock/${encodeURIComponent(symbol)}`} className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900">
          Try again
        </Link>
        <Link href="/" className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
          Market overview
        </Link>
      </div>
    </div>
  );
}
