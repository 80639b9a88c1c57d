// The ledger area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { latestEntries, trackRecord, verifyStoredLedger } from "./read";
export { TRACK_RECORD_COLUMNS, filterOf, trackRecordCsvRows, trackRecordQuery } from "./schemas";
export type { PooledFigures, TrackRecordEntry } from "./schemas";
export { chainVerifier } from "./verify";
export type { ChainVerdict } from "./verify";
export { appendToLedger } from "./append";
export type { AppendResult, LedgerInput } from "./append";
export { trackRecordSchema } from "./schemas";
