import "server-only";
// Server-Sent Events over the event bus. Every event carries an `id:`; a client that reconnects with
// Last-Event-ID gets what it missed from the bus's retained log (on any instance) instead of a fresh
// snapshot; otherwise the first event is the current state. Heartbeat comments keep proxies from timing
// the connection out, each caller may hold a few streams at once (SSE_MAX_CONNECTIONS_PER_USER) and the
// process a bounded number in all (SSE_MAX_CONNECTIONS), and shutdown closes every stream cleanly. A slot is
// taken only by a stream that is really opened (HEAD gets the headers alone) and freed on any close.
import { getEnv } from "@/env";
import { rateLimited, unavailable } from "@/lib/errors";
import { bus, compareEventIds, isEventId, type BusEvent } from "@/lib/events";
import { logger } from "@/lib/logger";

export interface StreamOptions {
  req: Request;
  /** Whose connection this is, for the per-caller cap ("user:<id>" or "ip:<address>"). */
  owner: string;
  /** Bus topic to follow; null for a stream that only pushes its own `poll` results. */
  topic: string | null;
  /** The current state, sent first on a fresh connection. */
  snapshot: () => Promise<{ event: string; data: unknown }>;
  /** Drops bus events this caller should not see. */
  filter?: (e: BusEvent) => boolean;
  /** Maps a bus event to what is sent (default: its type and data). */
  render?: (e: BusEvent) => { event: string; data: unknown };
  /** For state streams (quotes): called every `pollMs`; returns an event to send when something changed. */
  poll?: { everyMs: number; next: () => Promise<{ event: string; data: unknown } | null> };
}

const open = new Map<string, number>();
let openTotal = 0;
/** How long a refused caller is asked to wait: streams end when their pages close, within minutes. */
const FULL_RETRY_AFTER_SEC = 30;
const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Proxies such as nginx would otherwise buffer the stream.
  "x-accel-buffering": "no",
};
const closers = new Set<(reason: string) => void>();
let localSeq = 0;
// Ids for events that do not come from the bus (snapshots, polls), in the same "<ms>-<seq>" form.
const localId = () => `${Date.now()}-${localSeq++ % 1_000_000}`;

const frame = ({ id, event, data }: { id?: string; event: string; data: unknown }) =>
  `${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export function lastEventIdOf(req: Request): string | null {
  const raw = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
  return raw && isEventId(raw.trim()) ? raw.trim() : null;
}

export function openStream(opts: StreamOptions): Response {
  // Next answers HEAD with the GET handler and drops the body unread: a stream opened here would never be
  // closed and its slot never freed. HEAD gets the headers a GET would, and no stream.
  if (opts.req.method === "HEAD") return new Response(null, { headers: STREAM_HEADERS });
  const env = getEnv();
  if (openTotal >= env.SSE_MAX_CONNECTIONS) {
    throw unavailable(`This server holds its maximum of ${env.SSE_MAX_CONNECTIONS} live streams; try again shortly`, FULL_RETRY_AFTER_SEC);
  }
  const cap = env.SSE_MAX_CONNECTIONS_PER_USER;
  const count = open.get(opts.owner) ?? 0;
  if (count >= cap) throw rateLimited(`At most ${cap} open streams per user; close one first`, FULL_RETRY_AFTER_SEC);
  open.set(opts.owner, count + 1);
  openTotal++;
  installShutdownHook();
  const encoder = new TextEncoder();
  const render = opts.render ?? ((e: BusEvent) => ({ event: e.type, data: e.data }));
  const resumeFrom = lastEventIdOf(opts.req);
  let cleanup: (() => void) | null = null;

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastSent = resumeFrom ?? "0-0";
      const timers: NodeJS.Timeout[] = [];
      let unsubscribe: (() => Promise<void>) | null = null;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close("client gone");
        }
      };
      const close = (reason: string, farewell?: string) => {
        if (closed) return;
        if (farewell) send(farewell);
        closed = true;
        for (const t of timers) clearInterval(t);
        void unsubscribe?.().catch(() => undefined);
        closers.delete(close);
        openTotal = Math.max(0, openTotal - 1);
        open.set(opts.owner, Math.max(0, (open.get(opts.owner) ?? 1) - 1));
        if (open.get(opts.owner) === 0) open.delete(opts.owner);
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
        logger.debug("stream closed", { owner: opts.owner, topic: opts.topic, reason });
      };
      cleanup = () => close("cancelled");
      closers.add((reason) => close(reason, frame({ event: "shutdown", data: { reason, reconnect: true } })));
      opts.req.signal?.addEventListener("abort", () => close("client disconnected"));

      // Tell EventSource how soon to come back after a drop.
      send("retry: 2000\n\n");
      // Subscribe before reading the backlog, holding live events back, so nothing falls in between.
      const held: BusEvent[] = [];
      let live = false;
      const deliver = (e: BusEvent) => {
        if (opts.filter && !opts.filter(e)) return;
        if (compareEventIds(e.id, lastSent) <= 0) return; // already sent from the backlog
        lastSent = e.id;
        send(frame({ id: e.id, ...render(e) }));
      };
      try {
        if (opts.topic) {
          unsubscribe = await bus.subscribe({ topic: opts.topic, onEvent: (e) => (live ? deliver(e) : held.push(e)) });
        }
        if (resumeFrom && opts.topic) {
          for (const e of await bus.since({ topic: opts.topic, afterId: resumeFrom })) deliver(e);
        } else {
          // Ids are millisecond-based everywhere, so resuming from the snapshot's id replays what came after it.
          const snap = await opts.snapshot();
          lastSent = localId();
          send(frame({ id: lastSent, ...snap }));
        }
        for (const e of held.splice(0)) deliver(e);
        live = true;
      } catch (err) {
        logger.warn("stream start failed", { topic: opts.topic, err });
        return close("start failed", frame({ event: "error", data: { message: "The stream could not start; retrying" } }));
      }
      timers.push(setInterval(() => send(": heartbeat\n\n"), env.SSE_HEARTBEAT_MS));
      if (opts.poll) {
        const poll = opts.poll;
        timers.push(
          setInterval(() => {
            poll
              .next()
              .then((ev) => ev && send(frame({ id: localId(), ...ev })))
              .catch((err: unknown) => logger.warn("stream poll failed", { err }));
          }, poll.everyMs),
        );
      }
      for (const t of timers) t.unref?.();
    },
    cancel() {
      cleanup?.();
    },
  });
  return new Response(body, { headers: STREAM_HEADERS });
}

/** Open streams of one caller on this instance (tests, status). */
export const openStreamsOf = (owner: string): number => open.get(owner) ?? 0;
/** Open streams on this instance, everyone's together. */
export const openStreamCount = (): number => openTotal;

/** Sends every open stream a `shutdown` event and closes it (SIGTERM/SIGINT, tests). */
export function closeAllStreams(reason = "server shutting down"): number {
  const all = [...closers];
  for (const c of all) c(reason);
  return all.length;
}

let hooked = false;
function installShutdownHook(): void {
  if (hooked) return;
  hooked = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      closeAllStreams();
      // Listening removed Node's default of exiting; restore it unless someone else handles the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}
