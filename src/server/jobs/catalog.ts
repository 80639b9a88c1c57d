// Every job, provider-neutral and without its code: the event that triggers it (`domain/noun.verb`), the zod
// schema of that event's payload, the schedule and the retries. The one place an event name is written: other
// code names an event through the constants below. The handlers are bound to these ids from the top
// (src/handlers), so nothing here loads job code. The queue adds `jobId` (the Job row it created) to the
// data; schemas do not declare it, so parsing strips it from what the handler sees.
import { z } from "zod";
import type { JobHandler, JobSpec } from "@/lib/queue/types";
import { canonicalSymbolSchema } from "@/lib/symbol";

export const CACHE_WARM_EVENT = "market/cache.warm";
export const FORECAST_EVENT = "predictions/forecast.requested";
export const TRAINING_EVENT = "models/training.requested";
export const WARM_EVENT = "models/warm.requested";
export const ACTUALS_EVENT = "predictions/actuals.fill";
export const DELIVERY_EVENT = "webhooks/delivery.attempt";
export const DELIVERIES_RETRY_EVENT = "webhooks/deliveries.retry";
export const MAIL_SEND_EVENT = "mail/message.send";
export const MAIL_RETRY_EVENT = "mail/messages.retry";
export const REFRESH_EVENT = "market/daily.refresh";
export const NOTIFICATIONS_PRUNE_EVENT = "notifications/entries.prune";

const sweep = z.object({ reason: z.enum(["schedule", "manual"]).optional() });
const rowId = z.string().regex(/^[a-z0-9]{20,40}$/);

/** One zod schema per event payload. */
export const payloads = {
  /** Refresh cached quotes and daily series for the watchlist (or the given symbols). */
  [CACHE_WARM_EVENT]: sweep,
  /** Train a symbol's models if none is active, then forecast (GET /api/predictions/{symbol} on a miss). */
  [FORECAST_EVENT]: z.object({
    symbol: canonicalSymbolSchema,
    userId: z.string().min(1).max(64).optional(),
  }),
  /** Train and maybe promote models (weekly cron, POST /api/train, the Inngest dashboard). */
  [TRAINING_EVENT]: z.object({
    symbols: z.array(canonicalSymbolSchema).min(1).max(100).optional(),
    models: z.array(z.string().min(1).max(40)).min(1).max(20).optional(),
    reason: z.enum(["schedule", "manual"]).optional(),
  }),
  /** Warm-up on the embedded shape's first start: trains one symbol, then queues the next (low priority). */
  [WARM_EVENT]: z.object({
    symbol: canonicalSymbolSchema,
    then: z.array(canonicalSymbolSchema).max(100),
  }),
  /** Fill actual closes of stored predictions whose target session has closed (daily cron). */
  [ACTUALS_EVENT]: sweep,
  /** One attempt of one webhook delivery (the first; later ones come from the retry sweep). */
  [DELIVERY_EVENT]: z.object({ deliveryId: rowId }),
  /** Attempts every webhook delivery whose retry is due (every minute). */
  [DELIVERIES_RETRY_EVENT]: sweep,
  /** The first attempt of one queued email (later ones come from the mail sweep). */
  [MAIL_SEND_EVENT]: z.object({ messageId: rowId }),
  /** Attempts every queued email whose retry is due (every minute; nothing to do without SMTP_URL). */
  [MAIL_RETRY_EVENT]: sweep,
  /** The daily refresh after the US close: new bars, actuals, alerts on the closes, incremental retrains (weekday cron). */
  [REFRESH_EVENT]: sweep,
  /** Deletes read notifications past the retention limit and those beyond each person's newest N (daily cron). */
  [NOTIFICATIONS_PRUNE_EVENT]: sweep,
} satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof payloads;
/** What a caller passes for `event` (defaults not yet applied). */
export type EventInput<E extends EventName> = z.input<(typeof payloads)[E]>;
/** What the handler of `event` receives (parsed). */
export type EventData<E extends EventName> = z.output<(typeof payloads)[E]>;

/**
 * The handler of the job triggered by `E` (src/handlers). `R` is the job's result (the Job row's `result`, what
 * GET /api/jobs/{id} answers) and `P` what it reports while it runs. The catalog imports no other area, so a
 * result that is another area's type is named by that area (predictions/job-results.ts: the forecast jobs').
 */
export type HandlerOf<E extends EventName, R = unknown, P = R> = JobHandler<EventData<E>, R, P>;

const job = <const I extends string, E extends EventName>(spec: { id: I; event: E; cron?: string; retries: number }) => ({ ...spec, schema: payloads[spec.event] }) satisfies JobSpec;

/** Every job: its id (kebab-case, the Inngest function id), trigger, schedule (Inngest cron syntax) and retries. */
export const jobCatalog = [
  job({ id: "warm-cache", event: CACHE_WARM_EVENT, cron: "TZ=America/New_York */15 9-16 * * 1-5", retries: 2 }),
  job({ id: "compute-prediction", event: FORECAST_EVENT, retries: 1 }),
  job({ id: "train-models", event: TRAINING_EVENT, cron: "TZ=UTC 0 3 * * 0", retries: 1 }),
  job({ id: "warm-models", event: WARM_EVENT, retries: 1 }),
  job({ id: "fill-actuals", event: ACTUALS_EVENT, cron: "TZ=America/New_York 30 18 * * 1-5", retries: 2 }),
  job({ id: "deliver-webhook", event: DELIVERY_EVENT, retries: 2 }),
  job({ id: "send-mail", event: MAIL_SEND_EVENT, retries: 0 }),
  job({ id: "retry-mail", event: MAIL_RETRY_EVENT, cron: "* * * * *", retries: 0 }),
  job({ id: "retry-webhooks", event: DELIVERIES_RETRY_EVENT, cron: "* * * * *", retries: 1 }),
  // 22:15 UTC: at least an hour after the 16:00 New York close in both EST and EDT.
  job({ id: "refresh-market", event: REFRESH_EVENT, cron: "TZ=UTC 15 22 * * 1-5", retries: 1 }),
  // 04:40 UTC: after the night's crons (training Sundays 03:00), before the New York morning.
  job({ id: "prune-notifications", event: NOTIFICATIONS_PRUNE_EVENT, cron: "TZ=UTC 40 4 * * *", retries: 2 }),
] as const satisfies readonly JobSpec[];

export type JobId = (typeof jobCatalog)[number]["id"];
