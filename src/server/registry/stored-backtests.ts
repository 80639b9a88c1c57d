import "server-only";
// Stored walk-forward origins in Postgres (backtest_stores, one row per symbol and model): read before a
// training run so its backtests reuse what is still valid, written after it with what the run computed.
// Which origins are valid is the engine's rule (src/server/forecast/backtest-store.ts); this file only
// moves them. A row holds the state as gzip-compressed JSON (state_gz, src/server/forecast/stored-codec.ts),
// made and read on the training thread: this thread only moves the bytes. Rows written before state_gz
// hold it in the Json columns origins / final_fit / fits, still read here.
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import type { BacktestStoreUpdate, ModelName, StoredBacktest, StoredFinalFit, StoredFit, StoredOrigin } from "@/server/forecast/vocabulary";
import { decodeStored, encodeStored, mergeStored, originFromJson } from "@/server/forecast";

/** Each model's stored state for a symbol, as the row holds it: gzip bytes (decoded by the training thread) or, from an older row, the state. */
export async function loadStoredBacktestBytes({ symbol, models }: { symbol: string; models: readonly ModelName[] }): Promise<Partial<Record<ModelName, StoredBacktest | Uint8Array>>> {
  const db = await getDb();
  const out: Partial<Record<ModelName, StoredBacktest | Uint8Array>> = {};
  // The bytes travel as base64 text, decoded natively: Prisma's bytea path parses a hex string byte by byte on
  // this thread (~200 ms for a random forest's 318 KB against ~10 ms this way, IBM, 2026-12-07).
  const gz = await db.$queryRaw<{ model: string; b64: string }[]>`SELECT model, encode(state_gz, 'base64') AS b64 FROM backtest_stores WHERE symbol = ${symbol} AND model = ANY(${[...models]}) AND state_gz IS NOT NULL`;
  for (const r of gz) out[r.model as ModelName] = new Uint8Array(Buffer.from(r.b64, "base64"));
  const older = await db.backtestStore.findMany({ where: { symbol, model: { in: [...models] }, stateGz: null }, select: { model: true, configHash: true, origins: true, finalFit: true, fits: true } });
  for (const r of older) {
    if (!r.origins) continue;
    const final = (r.finalFit ?? undefined) as StoredFinalFit | undefined;
    const fits = (r.fits ?? undefined) as StoredFit[] | undefined;
    out[r.model as ModelName] = { configHash: r.configHash, origins: (r.origins as unknown as StoredOrigin[]).map(originFromJson), ...(final ? { final } : {}), ...(fits ? { fits } : {}) };
  }
  return out;
}

/** Each model's stored state for a symbol, decoded (scripts and tests; training hands the bytes to its thread). */
export async function loadStoredBacktests({ symbol, models }: { symbol: string; models: readonly ModelName[] }): Promise<Partial<Record<ModelName, StoredBacktest>>> {
  const raw = await loadStoredBacktestBytes({ symbol, models });
  const out: Partial<Record<ModelName, StoredBacktest>> = {};
  for (const [m, s] of Object.entries(raw)) out[m as ModelName] = s instanceof Uint8Array ? decodeStored(s) : s;
  return out;
}

/** Writes a model's state as its training thread encoded it; the older Json columns are cleared. */
export async function saveStoredBacktestBytes({ symbol, model, configHash, stateGz }: { symbol: string; model: ModelName; configHash: string; stateGz: Uint8Array }): Promise<void> {
  const db = await getDb();
  // As base64 text decoded by the database: a Uint8Array parameter costs ~300 ms of this thread for 318 KB
  // (the adapter's per-byte conversion) against ~20 ms this way (IBM random forest, 2026-12-07).
  const b64 = Buffer.from(stateGz.buffer, stateGz.byteOffset, stateGz.byteLength).toString("base64");
  await db.$executeRaw`INSERT INTO backtest_stores (id, symbol, model, config_hash, state_gz, updated_at)
    VALUES (${randomUUID()}, ${symbol}, ${model}, ${configHash}, decode(${b64}, 'base64'), now() AT TIME ZONE 'UTC')
    ON CONFLICT (symbol, model) DO UPDATE SET config_hash = EXCLUDED.config_hash, state_gz = EXCLUDED.state_gz,
      origins = NULL, final_fit = NULL, fits = NULL, updated_at = EXCLUDED.updated_at`;
}

/** Merges and writes on this thread (training does both on its own thread: saveStoredBacktestBytes). */
export async function saveStoredBacktest({ symbol, model, before, update }: { symbol: string; model: ModelName; before?: StoredBacktest; update: BacktestStoreUpdate }): Promise<void> {
  const next = mergeStored({ before, update });
  if (next) await saveStoredBacktestBytes({ symbol, model, configHash: next.configHash, stateGz: encodeStored(next) });
}
