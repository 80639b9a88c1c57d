// GET /api/track-record: its request schema, its response schema (both rendered by the OpenAPI document; the
// page's types are derived from the response schema) and its CSV columns. Response objects are closed: a
// field the document does not list fails the contract test. The example entry's hash is its real hash
// (tests/unit/ledger/chain.test.ts recomputes it), so a reader can try the rule on it.
import { z } from "zod";
import { isCalendarDate } from "@/lib/calendar-date";
import { formatQuery } from "@/lib/csv";
import { HORIZON_KEYS, type HorizonKey, HORIZONS, MODEL_NAMES } from "@/server/forecast/vocabulary";
import { symbolSchema } from "@/server/market";
import type { LedgerEntryView } from "./chain";

export const TRACK_RECORD_MAX_LIMIT = 1000;

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2024-03-08")
  .refine(isCalendarDate, "Not a calendar date");

export const trackRecordQuery = z.object({
  symbol: symbolSchema.optional(),
  model: z.enum(MODEL_NAMES, { error: `Model must be one of ${MODEL_NAMES.join(", ")}` }).optional(),
  horizon: z.enum(HORIZON_KEYS as [HorizonKey, ...HorizonKey[]]).optional(),
  from: dateParam.optional().meta({ description: "First origin date (inclusive)", example: "2026-11-02" }),
  to: dateParam.optional().meta({ description: "Last origin date (inclusive)", example: "2026-12-04" }),
  // The ledger's seq is a Postgres integer: a larger number reached the query and failed there (a 500).
  after: z.coerce.number().int().min(0).max(2147483647).optional().meta({ description: "Entries after this sequence number (the previous page's nextAfter)", example: 0 }),
  limit: z.coerce.number().int().min(1).max(TRACK_RECORD_MAX_LIMIT).optional().meta({ description: `Entries per page (default 100, at most ${TRACK_RECORD_MAX_LIMIT})`, example: 100 }),
  format: formatQuery,
});
export type TrackRecordQuery = z.output<typeof trackRecordQuery>;

const num = z.number().nullable();
const day = z.string().meta({ description: "Session date, YYYY-MM-DD" });
const hash = z.string().regex(/^[0-9a-f]{64}$/).meta({ description: "SHA-256, 64 hex digits" });

export const scoreSchema = z
  .object({
    actualDate: day.meta({ description: "The session the horizon ended on (counted in real trading days from the origin)" }),
    actualClose: z.number().meta({ description: "Realised close in the entry's price units: originClose x (close at target / close at origin)" }),
    inside80: z.boolean().nullable(),
    inside95: z.boolean().nullable(),
    winkler80: num.meta({ description: "80% Winkler interval score, % of originClose" }),
    winkler95: num.meta({ description: "95% Winkler interval score, % of originClose" }),
    crps: num.meta({ description: "CRPS of the served quantiles, % of originClose" }),
    absError: z.number().meta({ description: "|actual - price|, % of originClose" }),
    naiveAbsError: z.number().meta({ description: "|actual - originClose| (the last-close forecast), % of originClose" }),
    scoredAt: z.string(),
  })
  .meta({ id: "TrackRecordScore" });

export const trackRecordEntrySchema = z
  .object({
    seq: z.number().int().meta({ description: "Position in the chain, from 1, no gaps" }),
    recordedAt: z.string().meta({ description: "When it was recorded (ISO, UTC, milliseconds); always before the target session opened" }),
    symbol: z.string(),
    model: z.string(),
    version: z.string(),
    horizon: z.number().int().meta({ description: "Trading days from origin to target (1, 2, 5)" }),
    originDate: day,
    targetDate: day,
    originClose: z.number(),
    price: z.number(),
    lower80: num,
    upper80: num,
    lower95: num,
    upper95: num,
    lower99: num,
    upper99: num,
    quantiles: z.array(z.number()).meta({ description: "Price quantiles at 0.005, 0.025, 0.1, 0.5, 0.9, 0.975, 0.995 (empty without an interval)" }),
    source: z.string(),
    prevHash: hash.meta({ description: "The previous entry's hash (64 zeros for entry 1)" }),
    hash: hash.meta({ description: "SHA-256 of the canonical JSON of every field above (sorted keys, no spaces)" }),
    score: scoreSchema.nullable().meta({ description: "Null until the target session's close is known; kept outside the chained fields" }),
  })
  .meta({ id: "TrackRecordEntry" });
// The chain's own record (chain.ts, plain node for the CLI) and the documented entry are the same fields, both ways.
export const ledgerEntryMatch: [LedgerEntryView, Omit<z.output<typeof trackRecordEntrySchema>, "score">] extends [Omit<z.output<typeof trackRecordEntrySchema>, "score">, LedgerEntryView] ? true : false = true;

export const pooledSchema = z.object({
  model: z.string(),
  horizon: z.number().int(),
  n: z.number().int().meta({ description: "Scored forecasts pooled" }),
  coverage80: num,
  coverage95: num,
  winkler95: num,
  crps: num,
  mae: z.number(),
  naiveMae: z.number(),
  maeRatio: num.meta({ description: "mae / naiveMae: below 1 beats the last close" }),
  firstTarget: day,
  lastTarget: day,
});

export const TRACK_RECORD_EXAMPLE_ENTRY = {
  seq: 1,
  recordedAt: "2024-03-07T23:10:00.000Z",
  symbol: "AAPL",
  model: "naive",
  version: "v1-20261207T021000000Z",
  horizon: 1,
  originDate: "2024-03-07",
  targetDate: "2024-03-08",
  originClose: 169,
  price: 169,
  lower80: 166.4,
  upper80: 171.6,
  lower95: 164.9,
  upper95: 173.2,
  lower99: 162.1,
  upper99: 176.2,
  quantiles: [162.1, 164.9, 166.4, 169, 171.6, 173.2, 176.2],
  source: "yahoo",
  prevHash: "0".repeat(64),
  hash: "a7d7d16df68b908e68ad69e942012e8866f92538203ad3daf6349c2a923fced7",
  score: { actualDate: "2024-03-08", actualClose: 170.73, inside80: true, inside95: true, winkler80: 3.0769, winkler95: 4.9112, crps: 0.5685, absError: 1.0237, naiveAbsError: 1.0237, scoredAt: "2024-03-08T23:30:00.000Z" },
};

export const trackRecordSchema = z
  .object({
    head: z.object({ seq: z.number().int(), hash }).meta({ description: "The chain's last entry: save it to detect a later cut" }),
    counts: z.object({ entries: z.number().int(), scored: z.number().int(), awaiting: z.number().int() }).meta({ description: "Entries matching the filters" }),
    summary: z.array(pooledSchema).meta({ description: "Every scored entry matching the filters, pooled per model and horizon" }),
    entries: z.array(trackRecordEntrySchema),
    nextAfter: z.number().int().nullable().meta({ description: "Pass as `after` for the next page; null on the last page" }),
  })
  .meta({
    id: "TrackRecord",
    example: {
      head: { seq: 1, hash: TRACK_RECORD_EXAMPLE_ENTRY.hash },
      counts: { entries: 1, scored: 1, awaiting: 0 },
      summary: [{ model: "naive", horizon: 1, n: 1, coverage80: 1, coverage95: 1, winkler95: 4.9112, crps: 0.5685, mae: 1.0237, naiveMae: 1.0237, maeRatio: 1, firstTarget: "2024-03-08", lastTarget: "2024-03-08" }],
      entries: [TRACK_RECORD_EXAMPLE_ENTRY],
      nextAfter: null,
    },
  });

export type ScoreView = z.output<typeof scoreSchema>;
export type PooledFigures = z.output<typeof pooledSchema>;
export type TrackRecordEntry = z.output<typeof trackRecordEntrySchema>;
export type TrackRecordPage = z.output<typeof trackRecordSchema>;

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
