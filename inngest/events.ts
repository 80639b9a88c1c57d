// Event payloads, one zod schema per event (`domain/noun.verb`). Every function parses its payload with
// the schema before doing anything else. The queue adds `jobId` (the Job row it created) to the data;
// schemas do not declare it, so parsing strips it from what the function sees.
import { z } from "zod";
import { canonicalSymbolSchema } from "@/lib/symbol";

export const events = {
  /** Refresh cached quotes and daily series for the watchlist (or the given symbols). */
  "market/cache.warm": z.object({
    reason: z.enum(["schedule", "manual"]).optional(),
  }),
  /** Train a symbol's models if none is active, then forecast (GET /api/predictions/{symbol} on a miss). */
  "predictions/forecast.requested": z.object({
    symbol: canonicalSymbolSchema,
    userId: z.string().min(1).max(64).optional(),
  }),
  /** Train and maybe promote models (weekly cron, POST /api/train, the Inngest dashboard). */
  "models/training.requested": z.object({
    symbols: z.array(canonicalSymbolSchema).min(1).max(100).optional(),
    models: z.array(z.string().min(1).max(40)).min(1).max(20).optional(),
    reason: z.enum(["schedule", "manual"]).optional(),
  }),
  /** Warm-up on the embedded shape's first start: trains one symbol, then queues the next (low priority). */
  "models/warm.requested": z.object({
    symbol: canonicalSymbolSchema,
    then: z.array(canonicalSymbolSchema).max(100),
  }),
  /** Fill actual closes of stored predictions whose target session has closed (daily cron). */
  "predictions/actuals.fill": z.object({
    reason: z.enum(["schedule", "manual"]).optional(),
  }),
  /** One attempt of one webhook delivery (the first; later ones come from the retry sweep). */
  "webhooks/delivery.attempt": z.object({
    deliveryId: z.string().regex(/^[a-z0-9]{20,40}$/),
  }),
  /** Attempts every webhook delivery whose retry is due (every minute). */
  "webhooks/deliveries.retry": z.object({
    reason: z.enum(["schedule", "manual"]).optional(),
  }),
  /** The first attempt of one queued email (later ones come from the mail sweep). */
  "mail/message.send": z.object({
    messageId: z.string().regex(/^[a-z0-9]{20,40}$/),
  }),
  /** Attempts every queued email whose retry is due (every minute; nothing to do without SMTP_URL). */
  "mail/messages.retry": z.object({
    reason: z.enum(["schedule", "manual"]).optional(),
  }),
  /** The daily refresh after the US close: new bars, actuals, alerts on the closes, incremental retrains (weekday cron). */
  "market/daily.refresh": z.object({
    reason: z.enum(["schedule", "manual"]).optional(),
  }),
} satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;

export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);
