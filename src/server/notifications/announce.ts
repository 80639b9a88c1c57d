import "server-only";
// The bell's live feed: a new entry or a read mark is published on the person's notification topic, with the
// unread count after it, so every open tab (on any instance) shows the same number without asking. Never
// throws: the entry is stored before this runs, and a bell that missed the event is right on the next page.
import { bus } from "@/lib/events";
import { logger } from "@/lib/logger";
import { topics } from "@/server/events";
import type { NotificationView } from "./schemas";

export const NOTIFICATION_CREATED = "notification.created";
export const NOTIFICATIONS_READ = "notifications.read";

export async function announceCreated({ userId, notification, unread }: { userId: string; notification: NotificationView; unread: number }): Promise<void> {
  await bus.publish({ topic: topics.notifications(userId), type: NOTIFICATION_CREATED, data: { notification, unread } }).catch((err: unknown) => logger.warn("notification announce failed", { err }));
}

export async function announceRead({ userId, unread }: { userId: string; unread: number }): Promise<void> {
  await bus.publish({ topic: topics.notifications(userId), type: NOTIFICATIONS_READ, data: { unread } }).catch((err: unknown) => logger.warn("notification announce failed", { err }));
}
