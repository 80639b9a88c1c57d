// Request and response shapes of /api/alerts. Each alert type has its own strict body, so an unknown type,
// a missing threshold or a threshold of the wrong type is a 400.
import { z } from "zod";
import { symbolSchema } from "@/lib/symbol";

/** The most alerts one account may hold (POST /api/alerts answers 409 beyond it). */
export const MAX_ALERTS_PER_USER = 50;

export const ALERT_TYPES = ["above", "below", "move_pct", "high_52w", "low_52w", "outside_interval"] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
/** Level alerts stay true across sessions while the price stays there: they fire once, then wait to re-arm. */
export const LEVEL_TYPES: readonly AlertType[] = ["above", "below"];

export const ALERT_CHANNELS = ["in_app", "email", "webhook"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

const price = z.number().positive("must be greater than 0").max(1e7).meta({ example: 190 });
const channels = z
  .array(z.enum(ALERT_CHANNELS, { error: "Channels are in_app, email and webhook" }))
  .min(1, "Choose at least one channel")
  .max(ALERT_CHANNELS.length)
  .transform((list) => ALERT_CHANNELS.filter((c) => list.includes(c)))
  .meta({
    description: "Where a firing goes: `in_app` (the notification list and the bell), `email` (the account's address), `webhook` (the account's endpoints subscribed to alert.triggered). Default `[\"in_app\"]`.",
    example: ["in_app", "email"],
  });

const common = { symbol: symbolSchema, channels: channels.optional() };

export const createAlertBodySchema = z.discriminatedUnion("type", [
  z.strictObject({ ...common, type: z.literal("above"), price }).meta({ description: "The price is at or above `price` (fires once per crossing)" }),
  z.strictObject({ ...common, type: z.literal("below"), price }).meta({ description: "The price is at or below `price` (fires once per crossing)" }),
  z
    .strictObject({ ...common, type: z.literal("move_pct"), percent: z.number().positive("must be greater than 0").max(100).meta({ example: 3 }) })
    .meta({ description: "The price moved by at least `percent` % from the previous close, either way (at most once a session)" }),
  z.strictObject({ ...common, type: z.literal("high_52w") }).meta({ description: "The session's high is above every high of the 52 weeks before it (at most once a session)" }),
  z.strictObject({ ...common, type: z.literal("low_52w") }).meta({ description: "The session's low is below every low of the 52 weeks before it (at most once a session)" }),
  z
    .strictObject({ ...common, type: z.literal("outside_interval") })
    .meta({ description: "The close fell outside the 95% range of the forecast served for that session (closes only)" }),
]);
export type CreateAlertBody = z.infer<typeof createAlertBodySchema>;

export const updateAlertBodySchema = z
  .strictObject({
    channels: channels.optional(),
    active: z.boolean().optional().meta({ description: "false pauses the alert (it is not evaluated); true turns it back on" }),
  })
  .refine((b) => b.channels !== undefined || b.active !== undefined, { message: "Give channels, active or both", path: ["channels"] });

export const alertIdParamsSchema = z.strictObject({ id: z.string().regex(/^[a-z0-9]{20,40}$/, "Invalid alert id") });

export const alertViewSchema = z
  .object({
    id: z.string(),
    symbol: z.string(),
    type: z.enum(ALERT_TYPES),
    price: z.number().nullable(),
    percent: z.number().nullable(),
    channels: z.array(z.enum(ALERT_CHANNELS)),
    active: z.boolean().meta({ description: "false: paused by its owner" }),
    armed: z.boolean().meta({ description: "A level alert that fired waits (false) until the price is back on the other side of its level" }),
    lastTriggeredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Alert" });

export const alertTriggerSchema = z
  .object({
    id: z.string(),
    alertId: z.string(),
    symbol: z.string(),
    session: z.iso.date().meta({ description: "Trading session whose price triggered the alert" }),
    close: z.number().meta({ description: "The price that triggered it: the close, or the live price during the session" }),
    message: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: "AlertTrigger" });

export const alertListSchema = z.object({ alerts: z.array(alertViewSchema), triggered: z.array(alertTriggerSchema), limit: z.number().int().meta({ description: "The most alerts this account may hold" }) });

export type AlertView = z.output<typeof alertViewSchema>;
export type AlertList = z.output<typeof alertListSchema>;
