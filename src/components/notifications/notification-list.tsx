"use client";
// The notifications page's list: all or only unread entries, each marked read on its own or all at once, more
// loaded a page at a time, new ones added at the top as the live feed brings them.
import Link from "next/link";
import { useEffect, useState } from "react";
import { buttonClass, cardClass, errorClass } from "@/components/auth/styles";
import { sendJson } from "@/components/push/api";
import { announceLocally, followNotifications } from "./feed";
import type { NotificationList } from "@/server/notifications";

type Page = NotificationList;

// The same text on the server and in the browser (a locale-dependent time would differ between the two).
const stamp = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const filterClass = (on: boolean) =>
  `rounded-md px-2.5 py-1 ${on ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`;

export function NotificationList({ initial, unreadOnly }: { initial: Page; unreadOnly: boolean }) {
  const [items, setItems] = useState(initial.notifications);
  const [unread, setUnread] = useState(initial.unread);
  const [next, setNext] = useState(initial.next);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      followNotifications((e) => {
        setUnread(e.unread);
        if (e.type === "created") setItems((list) => (list.some((n) => n.id === e.notification.id) ? list : [e.notification, ...list]));
        // Everything was read elsewhere (another tab's "Mark all read").
        if (e.unread === 0) setItems((list) => list.map((n) => (n.read ? n : { ...n, read: true })));
      }),
    [],
  );

  async function mark(body: { ids: string[] } | { all: true }) {
    setBusy(true);
    const r = await sendJson<{ marked: number; unread: number }>("/api/notifications/read", { body });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    const ids = "ids" in body ? new Set(body.ids) : null;
    setItems((list) => list.map((n) => (!ids || ids.has(n.id) ? { ...n, read: true, readAt: n.readAt ?? new Date().toISOString() } : n)));
    setUnread(r.data.unread);
    announceLocally({ type: "read", unread: r.data.unread });
  }

  async function more() {
    if (!next) return;
    setBusy(true);
    const res = await fetch(`/api/notifications?before=${encodeURIComponent(next)}${unreadOnly ? "&unread=true" : ""}`).catch(() => null);
    setBusy(false);
    if (!res?.ok) return setError("More notifications could not be loaded; try again.");
    const page = (await res.json()) as Page;
    setItems((list) => [...list, ...page.notifications.filter((n) => !list.some((m) => m.id === n.id))]);
    setNext(page.next);
  }

  return (
    <div className="flex flex-col gap-3" data-testid="notification-list">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <nav aria-label="Show" className="flex gap-1">
          <Link href="/notifications" className={filterClass(!unreadOnly)} aria-current={!unreadOnly ? "page" : undefined}>
            All
          </Link>
          <Link href="/notifications?unread=1" className={filterClass(unreadOnly)} aria-current={unreadOnly ? "page" : undefined}>
            Unread
          </Link>
        </nav>
        <p className="text-zinc-600 dark:text-zinc-400" data-testid="unread-summary">
          {unread === 0 ? "Nothing unread." : `${unread} unread.`}
        </p>
        {unread > 0 && (
          <button type="button" className={`${buttonClass} ml-auto`} disabled={busy} onClick={() => void mark({ all: true })}>
            Mark all read
          </button>
        )}
      </div>
      {error && (
        <p className={errorClass} role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {unreadOnly ? "No unread notifications." : "No notifications yet. Set an alert and what it finds will appear here."}
        </p>
      ) : (
        <ul className="flex flex-col gap-2">
          {items.map((n) => (
            <li key={n.id} data-testid="notification" data-read={n.read} className={`${cardClass} flex flex-col gap-2 text-sm sm:flex-row sm:items-start sm:justify-between`}>
              <div className="flex min-w-0 gap-2">
                <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.read ? "bg-transparent" : "bg-rose-700 dark:bg-rose-400"}`} />
                <div className="min-w-0">
                  <p className="font-medium">
                    {!n.read && <span className="sr-only">Unread: </span>}
                    {n.link ? (
                      <Link href={n.link} className="underline-offset-2 hover:underline">
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </p>
                  <p className="break-words text-zinc-700 dark:text-zinc-300">{n.body}</p>
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    <time dateTime={n.createdAt}>{stamp(n.createdAt)}</time>
                  </p>
                </div>
              </div>
              {!n.read && (
                <button type="button" className={`${buttonClass} shrink-0 self-start`} disabled={busy} onClick={() => void mark({ ids: [n.id] })} aria-label={`Mark read: ${n.title}`}>
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" className={`${buttonClass} self-start`} disabled={busy} onClick={() => void more()}>
          Show older
        </button>
      )}
    </div>
  );
}
