// Request and response shapes of /api/webhooks. Requests are strict (unknown fields are a 400); the
// response schemas feed the OpenAPI document and the contract test.
import { z } from "zod";

export const WEBHOOK_EVENT_TYPES = ["prediction.updated", "model.promoted", "alert.triggered", "job.failed"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, "Choose at least one event")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((list) => [...new Set(list)])
  .meta({ description: "Event types to receive. job.failed is sent only to admins' endpoints.", example: ["prediction.updated", "alert.triggered"] });

const urlSchema = z
  .string()
  .trim()
  .max(2048, "Webhook url must be at most 2048 characters")
  .pipe(z.url("Webhook url is not a valid URL"))
  .meta({ description: "https URL that resolves to a public address", example: "https://example.com/hooks/stock-hub" });

export const createWebhookBodySchema = z.strictObject({ url: urlSchema, events: eventsSchema });

export const updateWebhookBodySchema = z
  .strictObject({
    url: urlSchema.optional(),
    events: eventsSchema.optional(),
    enabled: z.boolean().optional().meta({ description: "true re-enables an endpoint that was switched off after failures" }),
  })
  .refine((b) => b.url !== undefined || b.events !== undefined || b.enabled !== undefined, { message: "Give url, events or enabled" });

export const webhookIdParamsSchema = z.strictObject({ id: z.string().regex(/^[a-z0-9]{20,40}$/, "Invalid webhook id") });

export const webhookViewSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: "Why delivery was switched off, null while enabled" }),
    consecutiveFailures: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Webhook" });

export type WebhookView = z.infer<typeof webhookViewSchema>;

export const createdWebhookSchema = webhookViewSchema
  .extend({ secret: z.string().regex(/^whsec_/).meta({ description: "Signing secret (Standard Webhooks); shown only in this response" }) })
  .meta({ id: "CreatedWebhook" });

export const webhookListSchema = z.object({ webhooks: z.array(webhookViewSchema) });

export const deliveryViewSchema = z
  .object({
    id: z.string(),
    eventId: z.string().meta({ description: "Sent as the webhook-id header; the same on every retry" }),
    eventType: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    log: z.array(
      z.object({
        attempt: z.number().int(),
        statusCode: z.number().int().nullable(),
        latencyMs: z.number().int(),
        error: z.string().nullable(),
        at: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: "WebhookDelivery" });

export const deliveryListSchema = z.object({ deliveries: z.array(deliveryViewSchema) });

export const webhookTestResultSchema = z.object({
  eventId: z.string(),
  deliveryId: z.string(),
  delivered: z.boolean(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  error: z.string().nullable(),
});

export type WebhookList = z.output<typeof webhookListSchema>;
export type CreatedWebhook = z.output<typeof createdWebhookSchema>;
export type DeliveryList = z.output<typeof deliveryListSchema>;
export type WebhookTestResult = z.output<typeof webhookTestResultSchema>;

export const deliveriesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
