// Daily: deletes read notifications past NOTIFICATION_RETENTION_DAYS and those beyond each person's newest
// NOTIFICATION_KEEP_PER_USER; unread entries younger than the limit stay.
import type { JobHandler } from "@/lib/queue/types";
import { pruneNotifications } from "@/server/notifications";

export const pruneNotificationsJob: JobHandler = async ({ step, progress }) => {
  const result = await step.run("prune", () => pruneNotifications());
  await progress({ value: 1, message: `deleted ${result.old} read past the age limit and ${result.overCap} beyond the per-person limit` });
  return result;
};
