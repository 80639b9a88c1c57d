// The header's account links: who is signed in (portfolios, a link to the account page, sign-out) or sign-in and
// register links; and the notification bell, which stays in the header row on a phone (the links fold into Menu).
import Link from "next/link";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { sessionUser } from "@/server/auth";
import { unreadCount } from "@/server/notifications";
import { SignOutButton } from "./sign-out-button";

const linkClass = "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100";
// On a phone the links are cells of the Menu panel's grid; from a laptop up, one row.
const wrapClass = "contents text-sm lg:flex lg:items-center lg:gap-3";

export async function UserMenu() {
  const user = await sessionUser();
  if (!user) {
    return (
      <div className={wrapClass} data-testid="user-menu">
        <Link href="/login" className={linkClass}>
          Sign in
        </Link>
        <Link href="/register" className={linkClass}>
          Register
        </Link>
      </div>
    );
  }
  return (
    <div className={wrapClass} data-testid="user-menu">
      <Link href="/portfolios" className={linkClass}>
        Portfolios
      </Link>
      <Link href="/account" className="max-w-[9rem] truncate font-medium sm:max-w-full lg:max-w-none" data-testid="signed-in-user">
        {user.name ?? user.email}
        {user.role === "admin" && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800 dark:bg-amber-900 dark:text-amber-200">admin</span>}
      </Link>
      <SignOutButton />
    </div>
  );
}

/** The bell for a signed-in person, nothing otherwise. */
export async function UserBell() {
  const user = await sessionUser();
  if (!user) return null;
  // The count the page is drawn with; the bell follows the live feed from there. A database that cannot answer
  // leaves the bell at zero rather than failing the page.
  const unread = await unreadCount({ userId: user.id }).catch(() => 0);
  return <NotificationBell initialUnread={unread} />;
}
