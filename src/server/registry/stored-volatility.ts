import "server-only";
// Stored volatility fits in Postgres (volatility_stores, one row per symbol): read before a training run so
// its volatility plan refits only new or changed bars, written after it with what the run computed. Which
// fits are valid is the engine's rule (src/server/forecast/volatility/store.ts); this file only moves them.
import { getDb } from "@/lib/db";
import { mergeVolStore, type StoredVolFinal, type StoredVolFit, type StoredVolPlan, type VolStoreUpdate } from "@/server/forecast";

/** The symbol's stored volatility fits, if any. */
export async function loadStoredVolatility({ symbol }: { symbol: string }): Promise<StoredVolPlan | undefined> {
  const db = await getDb();
  const row = await db.volatilityStore.findUnique({ where: { symbol } });
  if (!row) return undefined;
  return { configHash: row.configHash, fits: row.fits as unknown as StoredVolFit[], finals: row.finals as unknown as StoredVolFinal[] };
}

/** Whether the symbol has stored volatility fits (a model step then only adds the new bars' fits). */
export async function hasStoredVolatility({ symbol }: { symbol: string }): Promise<boolean> {
  const db = await getDb();
  return (await db.volatilityStore.count({ where: { symbol } })) > 0;
}

/** Writes the store after a run (nothing when the run computed nothing new). */
export async function saveStoredVolatility({ symbol, before, update }: { symbol: string; before?: StoredVolPlan; update: VolStoreUpdate }): Promise<void> {
  const next = mergeVolStore({ before, update });
  if (!next) return;
  const db = await getDb();
  // The states are plain JSON (storeVolFit and mergeVolStore keep only states whose numbers are all finite).
  const fits = next.fits as unknown as object[];
  const finals = next.finals as unknown as object[];
  await db.volatilityStore.upsert({
    where: { symbol },
    create: { symbol, configHash: next.configHash, fits, finals },
    update: { configHash: next.configHash, fits, finals },
  });
}
