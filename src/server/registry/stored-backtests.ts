import "server-only";
// Stored walk-forward origins in Postgres (backtest_stores, one row per symbol and model): read before a
// training run so its backtests reuse what is still valid, written after it with what the run computed.
// Which origins are valid is the engine's rule (src/server/forecast/backtest-store.ts); this file only
// moves them.
import { getDb } from "@/lib/db";
import { Prisma } from "@/generated/prisma/client";
import { type BacktestStoreUpdate, HORIZON_KEYS, type ModelName, type StoredBacktest, type StoredFinalFit, type StoredFit, type StoredOrigin } from "@/server/forecast/vocabulary";
import { mergeStored } from "@/server/forecast";

// JSON has no NaN: a NaN forecast is written as null and read back as NaN (a missing horizon stays missing).
function fromJson(o: StoredOrigin): StoredOrigin {
  const forecast: StoredOrigin["forecast"] = {};
  for (const h of HORIZON_KEYS) {
    const f = o.forecast[h] as number | null | undefined;
    if (f !== undefined) forecast[h] = f === null ? Number.NaN : f;
  }
  return { ...o, forecast };
}

function toJson(o: StoredOrigin): StoredOrigin {
  const modelSd: StoredOrigin["modelSd"] = {};
  for (const h of HORIZON_KEYS) {
    const sd = o.modelSd[h];
    // A non-finite sd is "none", like a missing one.
    if (sd !== undefined) modelSd[h] = sd === null || !Number.isFinite(sd) ? null : sd;
  }
  return { ...o, modelSd };
}

/** Each model's stored origins for a symbol. */
export async function loadStoredBacktests({ symbol, models }: { symbol: string; models: readonly ModelName[] }): Promise<Partial<Record<ModelName, StoredBacktest>>> {
  const db = await getDb();
  const rows = await db.backtestStore.findMany({ where: { symbol, model: { in: [...models] } } });
  const out: Partial<Record<ModelName, StoredBacktest>> = {};
  for (const r of rows) {
    const final = (r.finalFit ?? undefined) as StoredFinalFit | undefined;
    const fits = (r.fits ?? undefined) as StoredFit[] | undefined;
    out[r.model as ModelName] = { configHash: r.configHash, origins: (r.origins as unknown as StoredOrigin[]).map(fromJson), ...(final ? { final } : {}), ...(fits ? { fits } : {}) };
  }
  return out;
}

export async function saveStoredBacktest({ symbol, model, before, update }: { symbol: string; model: ModelName; before?: StoredBacktest; update: BacktestStoreUpdate }): Promise<void> {
  const next = mergeStored({ before, update });
  if (!next) return;
  const db = await getDb();
  const origins = next.origins.map(toJson) as unknown as object[];
  const json = (v: unknown) => (v ? (JSON.parse(JSON.stringify(v)) as object) : Prisma.DbNull);
  const finalFit = json(next.final);
  const fits = json(next.fits);
  await db.backtestStore.upsert({
    where: { symbol_model: { symbol, model } },
    create: { symbol, model, configHash: next.configHash, origins, finalFit, fits },
    update: { configHash: next.configHash, origins, finalFit, fits },
  });
}
