"use client";
// The header bell: a link to the notifications page with the unread count, kept current by the live feed. A
// new entry is also read out to screen readers (polite), with its title.
import Link from "next/link";
import { useEffect, useState } from "react";
import { followNotifications } from "./feed";

export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);
  const [said, setSaid] = useState("");
  useEffect(
    () =>
      followNotifications((e) => {
        setUnread(e.unread);
        if (e.type === "created") setSaid(`New notification: ${e.notification.title}`);
      }),
    [],
  );
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <>
      <Link
        href="/notifications"
        aria-label={label}
        title={label}
        data-testid="notification-bell"
        data-unread={unread}
        className="relative inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <svg aria-hidden width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span
            aria-hidden
            data-testid="notification-count"
            className="absolute -top-0.5 -right-0.5 min-w-[1.1rem] rounded-full bg-rose-700 px-1 text-center text-[11px] leading-[1.1rem] font-semibold text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </Link>
      <span className="sr-only" aria-live="polite">
        {said}
      </span>
    </>
  );
}
