// A minimal Server-Sent Events client for tests: fetch + eventsource-parser, collecting events and comments.
import { createParser, type EventSourceMessage } from "eventsource-parser";

export interface SseConnection {
  status: number;
  events: EventSourceMessage[];
  comments: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  json: unknown;
  close(): void;
  next(pred?: (e: EventSourceMessage) => boolean, ms?: number): Promise<EventSourceMessage>;
}

export async function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: abort.signal });
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  let seen = 0;
  const conn: SseConnection = {
    status: res.status,
    events,
    comments,
    json: null,
    ended: Promise.resolve(),
    close: () => abort.abort(),
    async next(pred = () => true, ms = 10_000) {
      const until = Date.now() + ms;
      for (;;) {
        const i = events.findIndex((e, k) => k >= seen && pred(e));
        if (i >= 0) {
          seen = i + 1;
          return events[i];
        }
        if (Date.now() > until) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events.map((e) => e.event))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  if (!res.headers.get("content-type")?.startsWith("text/event-stream")) {
    conn.json = await res.json().catch(() => null);
    return conn;
  }
  const parser = createParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  conn.ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      /* aborted by close() */
    }
  })();
  return conn;
}
