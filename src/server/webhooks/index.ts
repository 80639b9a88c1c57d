// The webhooks area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { parseAllowedTargets } from "./allowed-targets";
export { createDeliveries } from "./deliveries";
export type { EventEnvelope } from "./deliveries";
export { WEBHOOK_PAYLOADS } from "./payloads";
export type { WebhookPayload, WebhookPayloadType } from "./payloads";
export { WEBHOOK_EVENT_TYPES, createWebhookBodySchema, deliveriesQuerySchema, updateWebhookBodySchema, webhookIdParamsSchema } from "./schemas";
export type { WebhookEventType, WebhookView, deliveryViewSchema } from "./schemas";
export { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, sendTestEvent, updateWebhook } from "./service";
export { attemptDelivery, retryDueDeliveries } from "./deliveries";
export { createdWebhookSchema, deliveryListSchema, webhookListSchema, webhookTestResultSchema, webhookViewSchema } from "./schemas";
