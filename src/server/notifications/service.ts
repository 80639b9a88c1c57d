import "server-only";
// A person's in-app notification list (GET /api/notifications, POST /api/notifications/read) and their quiet
// hours (GET|PUT /api/notifications/settings). Pages go newest first with a cursor (`before` = the last id of
// the previous page), so entries arriving meanwhile neither repeat nor shift a page. Marking read announces the
// new unread count on the person's notification topic: every open tab's bell follows.
import { getDb } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { announceRead } from "./announce";
import { toClock, toMinutes, type QuietHours } from "./quiet-hours";
import type { MarkReadResult, NotificationList, NotificationView, SettingsView } from "./schemas";

type NotificationRow = {
  id: string;
  kind: string;
  title: string;
  body: string;
  symbol: string | null;
  link: string | null;
  alertId: string | null;
  readAt: Date | null;
  createdAt: Date;
};

export const toNotificationView = (n: NotificationRow): NotificationView => ({
  id: n.id,
  kind: n.kind as "alert",
  title: n.title,
  body: n.body,
  symbol: n.symbol,
  link: n.link,
  alertId: n.alertId,
  read: n.readAt !== null,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/** Who asks: a Principal of auth fits (the admin key's has no user). Declared here so notifications need not import auth. */
export interface NotificationsViewer {
  userId: string | null;
}

function owner(principal: NotificationsViewer): string {
  if (!principal.userId) throw forbidden("Notifications belong to a user account; the admin key has none");
  return principal.userId;
}

export async function unreadCount({ userId }: { userId: string }): Promise<number> {
  return (await getDb()).notification.count({ where: { userId, readAt: null } });
}

export async function listNotifications({ userId, unread = false, limit = 20, before }: { userId: string; unread?: boolean; limit?: number; before?: string }): Promise<NotificationList> {
  const db = await getDb();
  const where = { userId, ...(unread ? { readAt: null } : {}) };
  // An unknown or someone else's cursor starts from the top rather than leaking whether the id exists.
  const cursor = before ? await db.notification.findFirst({ where: { id: before, userId }, select: { id: true, createdAt: true } }) : null;
  const rows = await db.notification.findMany({
    where: cursor ? { ...where, OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    notifications: page.map(toNotificationView),
    unread: await unreadCount({ userId }),
    next: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

export async function listNotificationsFor({ principal, ...query }: { principal: NotificationsViewer; unread?: boolean; limit?: number; before?: string }): Promise<NotificationList> {
  return listNotifications({ userId: owner(principal), ...query });
}

/** Marks the given entries of the caller's (others' ids are ignored), or all of them, read. */
export async function markRead({ principal, ids, all = false, now = new Date() }: { principal: NotificationsViewer; ids?: string[]; all?: boolean; now?: Date }): Promise<MarkReadResult> {
  const userId = owner(principal);
  const db = await getDb();
  const { count } = await db.notification.updateMany({ where: { userId, readAt: null, ...(all ? {} : { id: { in: ids ?? [] } }) }, data: { readAt: now } });
  const unread = await unreadCount({ userId });
  if (count > 0) await announceRead({ userId, unread });
  return { marked: count, unread };
}

/** The caller's quiet hours as stored (null: none). */
export async function quietHoursOf({ userId }: { userId: string }): Promise<QuietHours | null> {
  const row = await (await getDb()).notificationSettings.findUnique({ where: { userId } });
  return row && row.quietStart !== null && row.quietEnd !== null ? { start: row.quietStart, end: row.quietEnd, timeZone: row.timeZone } : null;
}

const settingsView = (q: QuietHours | null): SettingsView => ({ quietHours: q ? { start: toClock(q.start), end: toClock(q.end), timeZone: q.timeZone } : null });

export async function settingsOf({ userId }: { userId: string }) {
  return settingsView(await quietHoursOf({ userId }));
}

export async function getSettingsFor({ principal }: { principal: NotificationsViewer }) {
  return settingsOf({ userId: owner(principal) });
}

export async function putSettingsFor({ principal, quietHours }: { principal: NotificationsViewer; quietHours: { start: string; end: string; timeZone: string } | null }) {
  const userId = owner(principal);
  const data = quietHours
    ? { quietStart: toMinutes(quietHours.start), quietEnd: toMinutes(quietHours.end), timeZone: quietHours.timeZone }
    : { quietStart: null, quietEnd: null };
  await (await getDb()).notificationSettings.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  return getSettingsFor({ principal });
}
