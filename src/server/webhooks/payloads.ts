// What each webhook event carries in `data`: the document's `webhooks` section renders these, and the publishers
// (predictions/announce.ts, registry/register.ts, alerts/fire.ts, events/job-failed.ts through publishEvent, and
// webhooks/service.ts for webhook.test) build their payloads as `WebhookPayload<type>`, so a payload that strays
// from its schema does not compile.
// Closed objects (strictObject): a request body in the document is rendered in input mode, where z.object would
// allow unknown fields; these are what the app sends, so every field is listed.
import { z } from "zod";
import type { WebhookEventType } from "./schemas";

const day = z.string().meta({ description: "Session date, YYYY-MM-DD" });
const num = z.number().nullable();
const pair = z.tuple([z.number(), z.number()]);
const horizons = z.enum(["1d", "2d", "1w"]);

const alertBase = {
  alertId: z.string(),
  triggerId: z.string(),
  symbol: z.string(),
  session: day,
  close: z.number().meta({ description: "The price that fired it: the session's close, or the live price when `live`" }),
  live: z.boolean().meta({ description: "true: fired on a live price during the session; false: on the close" }),
  message: z.string(),
};

export const WEBHOOK_PAYLOADS = {
  "prediction.updated": z.strictObject({
    symbol: z.string(),
    asOf: day,
    source: z.string(),
    historical: z.boolean(),
    lastClose: z.number(),
    generatedAt: z.string(),
    models: z.array(z.strictObject({ name: z.string(), version: z.string(), horizons: z.partialRecord(horizons, z.strictObject({ targetDate: day, price: z.number(), interval95: pair.nullable() })) })),
  }),
  "model.promoted": z.strictObject({
    symbol: z.string(),
    model: z.string(),
    version: z.string(),
    modelVersionId: z.string(),
    reason: z.string(),
    maeRatio: z.record(horizons, num).meta({ description: "Walk-forward MAE over naive's, per horizon" }),
  }),
  "alert.triggered": z.discriminatedUnion("type", [
    z.strictObject({ ...alertBase, type: z.enum(["above", "below"]), price: z.number() }),
    z.strictObject({ ...alertBase, type: z.literal("move_pct"), percent: z.number(), movePercent: z.number(), previousClose: z.number() }),
    z.strictObject({ ...alertBase, type: z.literal("high_52w"), high: z.number(), previousHigh: z.number(), previousHighDate: day }),
    z.strictObject({ ...alertBase, type: z.literal("low_52w"), low: z.number(), previousLow: z.number(), previousLowDate: day }),
    z.strictObject({ ...alertBase, type: z.literal("outside_interval"), model: z.string(), lower95: z.number(), upper95: z.number(), predictionId: z.string() }),
  ]),
  "job.failed": z.strictObject({ jobId: z.string(), name: z.string(), status: z.enum(["failed", "timeout"]), error: z.string().nullable(), attempts: z.number().int(), finishedAt: z.string().nullable() }),
  "webhook.test": z.strictObject({ message: z.string(), webhookId: z.string() }),
} satisfies Record<WebhookEventType | "webhook.test", z.ZodType>;

export type WebhookPayloadType = keyof typeof WEBHOOK_PAYLOADS;
/** The `data` of a `type` event, as its publisher builds it. */
export type WebhookPayload<T extends WebhookPayloadType> = z.input<(typeof WEBHOOK_PAYLOADS)[T]>;
