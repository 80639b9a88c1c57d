// Request and response shapes of /api/notifications. Requests are strict: an unknown field is a 400.
import { z } from "zod";
import { isTimeZone } from "./quiet-hours";

export const NOTIFICATION_PAGE_MAX = 100;
const id = z.string().regex(/^[a-z0-9]{20,40}$/, "Invalid notification id");

export const notificationsQuerySchema = z.strictObject({
  unread: z
    .enum(["true", "false", "1", "0"], { error: "Use true or false" })
    .optional()
    .transform((v) => v === "true" || v === "1")
    .meta({ description: "Only entries not marked read", example: "true" }),
  limit: z.coerce.number().int().min(1).max(NOTIFICATION_PAGE_MAX).default(20).meta({ example: 20 }),
  before: id.optional().meta({ description: "The `next` of the previous page: entries older than this one", example: "c0000000000000000000000000" }),
});

export const markReadBodySchema = z
  .strictObject({
    ids: z
      .array(id)
      .min(1, "Give at least one id")
      .max(NOTIFICATION_PAGE_MAX, `At most ${NOTIFICATION_PAGE_MAX} ids at once`)
      .optional()
      .meta({ description: "Entries to mark read (the caller's; others' ids are ignored)", example: ["c0000000000000000000000000"] }),
    all: z.literal(true, { error: "Must be true" }).optional().meta({ description: "true marks every unread entry read" }),
  })
  .refine((b) => (b.ids !== undefined) !== (b.all !== undefined), { message: "Give the ids to mark read, or all: true (not both)", path: ["ids"] });

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Times are HH:MM on a 24-hour clock, e.g. 22:00");
export const quietHoursSchema = z
  .strictObject({
    start: clock.meta({ example: "22:00" }),
    end: clock.meta({ example: "07:00" }),
    timeZone: z.string().max(64).refine(isTimeZone, "Unknown time zone; use an IANA name such as Europe/Berlin").meta({ example: "Europe/Berlin" }),
  })
  .refine((q) => q.start !== q.end, { message: "Quiet hours must start and end at different times", path: ["end"] })
  .meta({ id: "QuietHours", description: "A daily window in the caller's time zone; it may wrap midnight (22:00 to 07:00)" });

export const settingsBodySchema = z.strictObject({
  quietHours: quietHoursSchema.nullable().meta({ description: "null switches quiet hours off" }),
});

export const notificationViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["alert"]),
    title: z.string().meta({ example: "AAPL at or above 170" }),
    body: z.string().meta({ example: "AAPL closed at 170.729996 on 2024-03-08, at or above 170" }),
    symbol: z.string().nullable(),
    link: z.string().nullable().meta({ description: "Where the entry leads in the app", example: "/stock/AAPL" }),
    alertId: z.string().nullable().meta({ description: "The alert that fired (it may have been removed since)" }),
    read: z.boolean(),
    readAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Notification" });

export const notificationListSchema = z
  .object({
    notifications: z.array(notificationViewSchema),
    unread: z.number().int().meta({ description: "Unread entries in all (the bell's count)" }),
    next: z.string().nullable().meta({ description: "Pass as `before` for the next page; null on the last page" }),
  })
  .meta({ id: "NotificationPage" });

export const markReadResultSchema = z.object({
  marked: z.number().int().meta({ description: "Entries this call marked read (already read ones are not counted)" }),
  unread: z.number().int(),
});

export const settingsViewSchema = z
  .object({ quietHours: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }).nullable() })
  .meta({ id: "NotificationSettings", example: { quietHours: { start: "22:00", end: "07:00", timeZone: "Europe/Berlin" } } });

export type NotificationView = z.output<typeof notificationViewSchema>;
export type NotificationList = z.output<typeof notificationListSchema>;
export type MarkReadResult = z.output<typeof markReadResultSchema>;
export type SettingsView = z.output<typeof settingsViewSchema>;
