// Whether trades make sense against the market data and against each other: the symbol is one Stock Hub
// has prices for, the date falls inside its prices, and no sale sells more shares than are held by then (no
// short positions). Pure: the caller supplies each symbol's price range.
import type { Trade } from "./figures";

export interface PriceRange {
  first: string;
  last: string;
}

export interface LabelledTrade extends Trade {
  /** What a problem names: "line 4" of a file, "transaction 2" of a form. */
  label: string;
  /** Order within one day: trades of a day apply in this order. */
  order: number;
}

const fmt = (x: number) => String(Number(x.toFixed(6)));

/**
 * Problems of `incoming` given the trades already kept (`existing`, checked before): unknown symbols, dates
 * outside the prices, and sales of more than is held on their day. Reasons are sentences for a person.
 */
export function tradeProblems({
  existing,
  incoming,
  ranges,
  today,
}: {
  existing: readonly LabelledTrade[];
  incoming: readonly LabelledTrade[];
  /** Each symbol's first and last daily bar; null for a symbol with no prices. */
  ranges: ReadonlyMap<string, PriceRange | null>;
  /** ISO date of today: no trade is dated after it. */
  today: string;
}): { label: string; reason: string }[] {
  const problems: { label: string; reason: string }[] = [];
  const fine: LabelledTrade[] = [];
  for (const t of incoming) {
    const range = ranges.get(t.symbol);
    if (!range) problems.push({ label: t.label, reason: `${t.symbol} is not a symbol Stock Hub has prices for` });
    else if (t.date > today) problems.push({ label: t.label, reason: `${t.date} is in the future` });
    else if (t.date < range.first) problems.push({ label: t.label, reason: `${t.symbol} has no prices before ${range.first}` });
    else if (t.date > range.last) problems.push({ label: t.label, reason: `${t.date} is after the latest ${t.symbol} close (${range.last})` });
    else fine.push(t);
  }
  // Sales are checked in date order over everything kept plus the new trades.
  const held = new Map<string, number>();
  const all = [...existing.map((t) => ({ t, incoming: false })), ...fine.map((t) => ({ t, incoming: true }))];
  all.sort((a, b) => (a.t.date < b.t.date ? -1 : a.t.date > b.t.date ? 1 : a.t.order - b.t.order));
  for (const { t, incoming } of all) {
    const before = held.get(t.symbol) ?? 0;
    const after = before + t.quantity;
    // A tolerance for fractional shares summed in floating point.
    if (after < -1e-9) {
      if (incoming) problems.push({ label: t.label, reason: `sells ${fmt(-t.quantity)} ${t.symbol} on ${t.date} but only ${fmt(before)} ${before === 1 ? "is" : "are"} held then` });
      continue;
    }
    held.set(t.symbol, Math.max(0, after));
  }
  const order = new Map(incoming.map((t, i) => [t.label, i]));
  return problems.sort((a, b) => (order.get(a.label) ?? 0) - (order.get(b.label) ?? 0));
}
