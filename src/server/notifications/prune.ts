import "server-only";
// Notification retention (the daily `prune-notifications` job). The table would otherwise grow by every alert
// that ever fired. Two rules, both sparing what a person has not seen yet unless it is also old:
// - read entries older than NOTIFICATION_RETENTION_DAYS go;
// - beyond a person's newest NOTIFICATION_KEEP_PER_USER, read entries and entries older than the limit go.
// An unread entry younger than the limit is never deleted (it still counts towards the newest M).
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";

const DAY_MS = 24 * 60 * 60_000;

export interface PruneResult {
  /** Read entries past the age limit. */
  old: number;
  /** Entries past a person's newest `keepPerUser` (read, or past the age limit). */
  overCap: number;
  /** The age limit applied: entries created before this instant are old. */
  cutoff: string;
}

export async function pruneNotifications({
  now = new Date(),
  maxAgeDays = getEnv().NOTIFICATION_RETENTION_DAYS,
  keepPerUser = getEnv().NOTIFICATION_KEEP_PER_USER,
}: { now?: Date; maxAgeDays?: number; keepPerUser?: number } = {}): Promise<PruneResult> {
  const db = await getDb();
  const cutoff = new Date(now.getTime() - maxAgeDays * DAY_MS);
  const old = (await db.notification.deleteMany({ where: { readAt: { not: null }, createdAt: { lt: cutoff } } })).count;
  // Ranked after the age rule, so the newest M are counted among what is left.
  const overCap = await db.$executeRaw`
    DELETE FROM notifications n
    USING (
      SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, id DESC) AS rank
      FROM notifications
    ) ranked
    WHERE n.id = ranked.id
      AND ranked.rank > ${keepPerUser}
      AND (n.read_at IS NOT NULL OR n.created_at < ${cutoff})`;
  return { old, overCap, cutoff: cutoff.toISOString() };
}
