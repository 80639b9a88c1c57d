// Response schemas of the status routes (GET /api/status, /api/health, /api/ping): the OpenAPI document
// renders them and the status report's type is derived from them. Health is the infrastructure's own type
// (lib/health.ts); the check keeps it and its documented shape in step.
import { z } from "zod";
import type { Health } from "@/lib/health";
import { degradedDataSchema, providerHealthSchema } from "@/server/market";

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const num = z.number().nullable();

export const okSchema = z.object({ ok: z.literal(true) });
export const healthSchema = z.object({ status: z.literal("ok"), uptimeSec: z.number() });

const health = z.object({ status: z.enum(["up", "down", "degraded"]), backend: z.string(), latencyMs: num, detail: z.string().optional() });
// A probe's health and the documented one are the same fields of the same types, both ways.
export const healthMatch: [Health, z.output<typeof health>] extends [z.output<typeof health>, Health] ? true : false = true;
export const statusSchema = z
  .object({
    status: z.enum(["up", "degraded", "down"]),
    time: iso,
    components: z.object({ database: health, cache: health, storage: health, queue: health }),
    providers: z.array(providerHealthSchema),
    degradedData: z.array(degradedDataSchema),
    forecasts: z.object({ ready: z.number().int(), total: z.number().int() }).nullable().meta({ description: "Watchlist symbols with trained models; null when the database cannot say" }),
  })
  .meta({ id: "Status" });

/** GET /api/status: the health report plus how many watchlist symbols have trained models. */
export type StatusView = z.output<typeof statusSchema>;
/** The aggregated health report (collect-status.ts), before the forecast count is added. */
export type StatusReport = Omit<StatusView, "forecasts">;
