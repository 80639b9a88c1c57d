// What alerts are judged on: a session's close from the daily bars (after each market refresh), or the live
// price during a session from a live provider's quote (the intraday check). Pure.
import type { Bar, StockResponse } from "@/server/market";
import type { Observation } from "./conditions";

/** The observation of the newest session's close, or null with fewer than two bars. */
export function closeObservation({ symbol, bars }: { symbol: string; bars: Bar[] }): Observation | null {
  if (bars.length < 2) return null;
  const last = bars[bars.length - 1]!;
  const prev = bars[bars.length - 2]!;
  return { symbol, session: last.time.slice(0, 10), price: last.close, high: last.high, low: last.low, previousClose: prev.close, final: true, prior: bars.slice(0, -1) };
}

const newYork = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" });

/** The exchange session a price time belongs to: its date in New York. */
export function sessionOf(time: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(time) ? time : newYork.format(new Date(time));
}

/**
 * The observation of a live quote: its session's price, high and low so far against the daily bars before that
 * session. Null for a quote from the shipped set (nothing new arrived) or without a previous close.
 */
export function liveObservation({ quote, bars }: { quote: Pick<StockResponse, "symbol" | "price" | "previousClose" | "high" | "low" | "time" | "historical">; bars: Bar[] }): Observation | null {
  if (quote.historical) return null;
  const session = sessionOf(quote.time);
  const prior = bars.filter((b) => b.time.slice(0, 10) < session);
  const previousClose = quote.previousClose || prior[prior.length - 1]?.close;
  if (!previousClose || prior.length === 0) return null;
  return {
    symbol: quote.symbol,
    session,
    price: quote.price,
    high: Math.max(quote.high ?? quote.price, quote.price),
    low: Math.min(quote.low ?? quote.price, quote.price),
    previousClose,
    final: false,
    prior,
  };
}
