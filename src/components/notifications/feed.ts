"use client";
// One live feed of the signed-in person's notifications per browser tab, shared by the header bell and the
// notifications page: an EventSource on /api/stream/notifications (the unread count first, then each new entry
// and read mark; it resumes by itself after a dropped connection). When the server refuses the stream (a person
// with many tabs open reaches the per-user stream limit), the feed asks for the count every minute instead.
import type { NotificationView } from "@/server/notifications";
/** An entry as the API and the stream send it. */
export type FeedNotification = NotificationView;

export type FeedEvent = { type: "count"; unread: number } | { type: "created"; unread: number; notification: FeedNotification } | { type: "read"; unread: number };
type Listener = (e: FeedEvent) => void;

const POLL_MS = 60_000;
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let poll: ReturnType<typeof setInterval> | null = null;

function emit(e: FeedEvent): void {
  for (const l of listeners) l(e);
}

async function pollCount(): Promise<void> {
  const res = await fetch("/api/notifications?limit=1").catch(() => null);
  if (res?.ok) emit({ type: "count", unread: ((await res.json()) as { unread: number }).unread });
}

function open(): void {
  source = new EventSource("/api/stream/notifications");
  const on = (name: string, make: (data: never) => FeedEvent) =>
    source!.addEventListener(name, (e) => {
      try {
        emit(make(JSON.parse((e as MessageEvent<string>).data) as never));
      } catch {
        /* a malformed event is skipped; the next one carries the count again */
      }
    });
  on("snapshot", (d: { unread: number }) => ({ type: "count", unread: d.unread }));
  on("notification.created", (d: { unread: number; notification: FeedNotification }) => ({ type: "created", ...d }));
  on("notifications.read", (d: { unread: number }) => ({ type: "read", unread: d.unread }));
  source.onerror = () => {
    // CLOSED: refused (not a dropped connection, which EventSource retries by itself).
    if (source?.readyState !== EventSource.CLOSED) return;
    source = null;
    poll ??= setInterval(() => void pollCount(), POLL_MS);
  };
}

function close(): void {
  source?.close();
  source = null;
  if (poll) clearInterval(poll);
  poll = null;
}

/** Follows the feed until the returned function is called; the connection lives while anyone follows. */
export function followNotifications(listener: Listener): () => void {
  listeners.add(listener);
  if (!source && !poll) open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) close();
  };
}

/** Tells every follower in this tab at once (after this tab marked entries read; the stream confirms it later). */
export function announceLocally(e: FeedEvent): void {
  emit(e);
}
