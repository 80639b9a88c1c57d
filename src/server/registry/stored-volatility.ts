import "server-only";
// Stored volatility fits in Postgres (volatility_stores, one row per symbol): read before a training run so
// its volatility plan refits only new or changed bars, written after it with what the run computed. Which
// fits are valid is the engine's rule (src/server/forecast/volatility/store.ts); this file only moves them.
// A row holds the fits as gzip-compressed JSON (state_gz, src/server/forecast/stored-codec.ts), made and read
// on the training thread: this thread only moves the bytes. Rows written before state_gz hold them in the
// Json columns fits / finals, still read here.
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import { decodeVolStore, encodeVolStore, mergeVolStore, type StoredVolFinal, type StoredVolFit, type StoredVolPlan, type VolStoreUpdate } from "@/server/forecast";

/** The symbol's stored fits as the row holds them: gzip bytes (decoded by the training thread) or, from an older row, the plan. */
export async function loadStoredVolatilityBytes({ symbol }: { symbol: string }): Promise<StoredVolPlan | Uint8Array | undefined> {
  const db = await getDb();
  // As base64 text decoded natively (stored-backtests.ts: Prisma's bytea path costs this thread far more).
  const [gz] = await db.$queryRaw<{ b64: string }[]>`SELECT encode(state_gz, 'base64') AS b64 FROM volatility_stores WHERE symbol = ${symbol} AND state_gz IS NOT NULL`;
  if (gz) return new Uint8Array(Buffer.from(gz.b64, "base64"));
  const row = await db.volatilityStore.findUnique({ where: { symbol }, select: { configHash: true, fits: true, finals: true } });
  if (!row?.fits || !row.finals) return undefined;
  return { configHash: row.configHash, fits: row.fits as unknown as StoredVolFit[], finals: row.finals as unknown as StoredVolFinal[] };
}

/** The symbol's stored volatility fits, if any, decoded (portfolio risk, scripts and tests). */
export async function loadStoredVolatility({ symbol }: { symbol: string }): Promise<StoredVolPlan | undefined> {
  const raw = await loadStoredVolatilityBytes({ symbol });
  return raw instanceof Uint8Array ? decodeVolStore(raw) : raw;
}

/** Whether the symbol has stored volatility fits (a model step then only adds the new bars' fits). */
export async function hasStoredVolatility({ symbol }: { symbol: string }): Promise<boolean> {
  const db = await getDb();
  return (await db.volatilityStore.count({ where: { symbol } })) > 0;
}

/** Writes the fits as a training thread merged and encoded them; the older Json columns are cleared. */
export async function saveStoredVolatilityBytes({ symbol, configHash, stateGz }: { symbol: string; configHash: string; stateGz: Uint8Array }): Promise<void> {
  const db = await getDb();
  const b64 = Buffer.from(stateGz.buffer, stateGz.byteOffset, stateGz.byteLength).toString("base64");
  await db.$executeRaw`INSERT INTO volatility_stores (id, symbol, config_hash, state_gz, updated_at)
    VALUES (${randomUUID()}, ${symbol}, ${configHash}, decode(${b64}, 'base64'), now() AT TIME ZONE 'UTC')
    ON CONFLICT (symbol) DO UPDATE SET config_hash = EXCLUDED.config_hash, state_gz = EXCLUDED.state_gz,
      fits = NULL, finals = NULL, updated_at = EXCLUDED.updated_at`;
}

/** Merges and writes on this thread (portfolio risk; training does both on its own thread). Nothing when the run computed nothing new. */
export async function saveStoredVolatility({ symbol, before, update }: { symbol: string; before?: StoredVolPlan; update: VolStoreUpdate }): Promise<void> {
  const next = mergeVolStore({ before, update });
  if (next) await saveStoredVolatilityBytes({ symbol, configHash: next.configHash, stateGz: encodeVolStore(next) });
}
