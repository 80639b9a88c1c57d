// The stock page's live quote: follows GET /api/stream/quotes with the browser's EventSource (which
// reconnects with Last-Event-ID by itself) and hands each newer quote of the symbol to the page.
// No React here, so the integration test drives it with a standard EventSource against the real route.

export interface StreamedQuote {
  symbol: string;
  price: number;
  change: number;
  changePercent: number;
  time: string;
  source: string;
  asOf: string;
  historical: boolean;
}

export type StreamStatus = "connecting" | "live" | "reconnecting" | "closed";

type EventSourceLike = {
  readonly readyState: number;
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void;
  close(): void;
  onopen: ((e: Event) => void) | null;
  onerror: ((e: Event) => void) | null;
};
type EventSourceCtor = new (url: string) => EventSourceLike;

export const quoteStreamUrl = (symbol: string, base = "") => `${base}/api/stream/quotes?symbols=${encodeURIComponent(symbol)}`;

/** The quote of `symbol` in a `quotes` event's payload, or null (another symbol's change, or a malformed event). */
export function quoteFromEvent(symbol: string, data: string): StreamedQuote | null {
  try {
    const parsed = JSON.parse(data) as { quotes?: StreamedQuote[] };
    const q = parsed.quotes?.find((x) => x.symbol === symbol);
    return q && Number.isFinite(q.price) ? q : null;
  } catch {
    return null;
  }
}

/** Merges a streamed quote into what the page shows, ignoring one older than the shown quote. */
export function applyQuote<T extends { price: number; change: number; changePercent: number; time: string; source: string; asOf: string; historical: boolean }>(current: T, q: StreamedQuote): T {
  if (q.time < current.time) return current;
  return { ...current, price: q.price, change: q.change, changePercent: q.changePercent, time: q.time, source: q.source, asOf: q.asOf, historical: q.historical };
}

/** Opens the stream; returns the function that closes it. */
export function subscribeQuotes({
  symbol,
  onQuote,
  onStatus = () => {},
  base = "",
  EventSourceImpl = globalThis.EventSource as unknown as EventSourceCtor,
}: {
  symbol: string;
  onQuote: (q: StreamedQuote) => void;
  onStatus?: (s: StreamStatus) => void;
  base?: string;
  EventSourceImpl?: EventSourceCtor;
}): () => void {
  onStatus("connecting");
  const es = new EventSourceImpl(quoteStreamUrl(symbol, base));
  es.onopen = () => onStatus("live");
  // EventSource retries by itself (the server sends retry: 2000); CLOSED means it gave up (e.g. a 4xx).
  es.onerror = () => onStatus(es.readyState === 2 ? "closed" : "reconnecting");
  es.addEventListener("quotes", (e) => {
    const q = quoteFromEvent(symbol, e.data);
    if (q) onQuote(q);
  });
  return () => {
    es.close();
    onStatus("closed");
  };
}
