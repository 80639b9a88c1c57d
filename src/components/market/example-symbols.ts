import "server-only";
// Example symbols for the 404 pages: the first few of the watchlist, which the market service knows (the
// default watchlist is all in the shipped data set; tests/unit/market/example-symbols.test.ts checks it).
import { getWatchlist, shippedTickers } from "@/server/market";

export function exampleSymbols(count = 3): string[] {
  return getWatchlist().slice(0, count);
}

/** Symbols the site can always serve (the watchlist and the shipped data set), for "no matches" hints. */
export function availableSymbols(): string[] {
  return [...new Set([...getWatchlist(), ...shippedTickers().keys()])].sort();
}

/** The same symbols with their company names, for lists a person clicks. */
export function availableTickers(): { symbol: string; name: string }[] {
  const meta = shippedTickers();
  return availableSymbols().map((symbol) => ({ symbol, name: meta.get(symbol)?.name ?? symbol }));
}
