// Notifications page: the signed-in person's in-app list (what their alerts found), newest first, with the
// unread ones marked, and their quiet hours.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signInPath } from "@/components/auth/sign-in-reason";
import { NotificationList } from "@/components/notifications/notification-list";
import { QuietHoursForm } from "@/components/notifications/quiet-hours-form";
import { sessionUser } from "@/server/auth";
import { listNotifications, settingsOf } from "@/server/notifications";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ unread?: string }> }) {
  const user = await sessionUser();
  if (!user) redirect(signInPath("/notifications"));
  const unreadOnly = (await searchParams).unread === "1";
  const [page, settings] = await Promise.all([listNotifications({ userId: user.id, unread: unreadOnly, limit: 20 }), settingsOf({ userId: user.id })]);
  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          What your <Link className="underline" href="/alerts">alerts</Link> found, newest first. New ones appear here and on the bell as they happen.
        </p>
        <NotificationList key={unreadOnly ? "unread" : "all"} initial={page} unreadOnly={unreadOnly} />
      </section>
      <section className="flex flex-col gap-3" aria-labelledby="quiet-hours-heading">
        <h2 id="quiet-hours-heading" className="text-lg font-semibold">
          Quiet hours
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          During quiet hours, alert emails and webhook deliveries wait and go out when the quiet hours end. Alerts still appear here at once.
        </p>
        <QuietHoursForm initial={settings.quietHours} />
      </section>
    </div>
  );
}
