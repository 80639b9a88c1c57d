// Request schema of GET /api/track-record (described in the OpenAPI document) and its CSV columns.
import { z } from "zod";
import { formatQuery } from "@/lib/csv";
import { MODEL_NAMES } from "@/server/forecast/model-list";
import { HORIZON_KEYS, HORIZONS, type HorizonKey } from "@/server/forecast/types";
import { symbolSchema } from "@/server/market/types";
import type { TrackRecordEntry } from "./read";

export const TRACK_RECORD_MAX_LIMIT = 1000;

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2024-03-08")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Not a calendar date");

export const trackRecordQuery = z.object({
  symbol: symbolSchema.optional(),
  model: z.enum(MODEL_NAMES, { error: `Model must be one of ${MODEL_NAMES.join(", ")}` }).optional(),
  horizon: z.enum(HORIZON_KEYS as [HorizonKey, ...HorizonKey[]]).optional(),
  from: dateParam.optional().meta({ description: "First origin date (inclusive)", example: "2026-11-02" }),
  to: dateParam.optional().meta({ description: "Last origin date (inclusive)", example: "2026-12-04" }),
  after: z.coerce.number().int().min(0).optional().meta({ description: "Entries after this sequence number (the previous page's nextAfter)", example: 0 }),
  limit: z.coerce.number().int().min(1).max(TRACK_RECORD_MAX_LIMIT).optional().meta({ description: `Entries per page (default 100, at most ${TRACK_RECORD_MAX_LIMIT})`, example: 100 }),
  format: formatQuery,
});
export type TrackRecordQuery = z.output<typeof trackRecordQuery>;

export const filterOf = (q: TrackRecordQuery) => ({ symbol: q.symbol, model: q.model, horizon: q.horizon ? HORIZONS[q.horizon] : undefined, from: q.from, to: q.to });

export const TRACK_RECORD_COLUMNS = [
  "seq", "recorded_at", "symbol", "model", "version", "horizon", "origin_date", "target_date", "origin_close", "price",
  "lower_80", "upper_80", "lower_95", "upper_95", "lower_99", "upper_99", "quantiles", "source", "prev_hash", "hash",
  "actual_date", "actual_close", "inside_80", "inside_95", "winkler_80", "winkler_95", "crps", "abs_error", "naive_abs_error",
] as const;

/** One CSV row per entry; `quantiles` space-separated (as JSON writes each number), so the hash can be recomputed. */
export function trackRecordCsvRows(entries: readonly TrackRecordEntry[]) {
  return entries.map((e) => ({
    seq: e.seq, recorded_at: e.recordedAt, symbol: e.symbol, model: e.model, version: e.version, horizon: e.horizon,
    origin_date: e.originDate, target_date: e.targetDate, origin_close: e.originClose, price: e.price,
    lower_80: e.lower80, upper_80: e.upper80, lower_95: e.lower95, upper_95: e.upper95, lower_99: e.lower99, upper_99: e.upper99,
    quantiles: e.quantiles.map((q) => JSON.stringify(q)).join(" "), source: e.source, prev_hash: e.prevHash, hash: e.hash,
    actual_date: e.score?.actualDate, actual_close: e.score?.actualClose, inside_80: e.score?.inside80, inside_95: e.score?.inside95,
    winkler_80: e.score?.winkler80, winkler_95: e.score?.winkler95, crps: e.score?.crps, abs_error: e.score?.absError, naive_abs_error: e.score?.naiveAbsError,
  }));
}
