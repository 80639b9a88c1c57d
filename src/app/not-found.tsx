// Site-wide 404.
import Link from "next/link";
import { ExampleSymbols } from "@/components/market/example-symbol-links";

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center" data-testid="not-found">
      <p className="text-sm font-medium text-zinc-500 dark:text-zinc-400">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">There is nothing at this address. Search for a ticker above or go back to the markets.</p>
      <ExampleSymbols lead="Or open a stock:" />
      <Link href="/" className="text-sm underline underline-offset-4">
        Back to the market overview
      </Link>
    </div>
  );
}
