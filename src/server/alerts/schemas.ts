// Request and response shapes of /api/alerts. Each alert type has its own strict body, so an unknown type,
// a missing threshold or a threshold of the wrong type is a 400.
import { z } from "zod";
import { symbolSchema } from "@/lib/symbol";

const price = z.number().positive("Price must be greater than 0").max(1e7).meta({ example: 190 });

export const createAlertBodySchema = z.discriminatedUnion("type", [
  z.strictObject({ symbol: symbolSchema, type: z.literal("above"), price }).meta({ description: "The close is at or above `price` (fires once, then switches off)" }),
  z.strictObject({ symbol: symbolSchema, type: z.literal("below"), price }).meta({ description: "The close is at or below `price` (fires once, then switches off)" }),
  z
    .strictObject({ symbol: symbolSchema, type: z.literal("move_pct"), percent: z.number().positive("Percent must be greater than 0").max(100).meta({ example: 3 }) })
    .meta({ description: "The close moved by at least `percent` % from the previous close, either way (every session it happens)" }),
  z
    .strictObject({ symbol: symbolSchema, type: z.literal("outside_interval") })
    .meta({ description: "The close fell outside the 95% interval of the one-day forecast made the session before" }),
]);
export type CreateAlertBody = z.infer<typeof createAlertBodySchema>;

export const alertIdParamsSchema = z.strictObject({ id: z.string().regex(/^[a-z0-9]{20,40}$/, "Invalid alert id") });

export const ALERT_TYPES = ["above", "below", "move_pct", "outside_interval"] as const;

export const alertViewSchema = z
  .object({
    id: z.string(),
    symbol: z.string(),
    type: z.enum(ALERT_TYPES),
    price: z.number().nullable(),
    percent: z.number().nullable(),
    active: z.boolean(),
    lastTriggeredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Alert" });

export const alertTriggerSchema = z
  .object({
    id: z.string(),
    alertId: z.string(),
    symbol: z.string(),
    session: z.iso.date().meta({ description: "Trading session whose close triggered the alert" }),
    close: z.number(),
    message: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: "AlertTrigger" });

export const alertListSchema = z.object({ alerts: z.array(alertViewSchema), triggered: z.array(alertTriggerSchema) });
