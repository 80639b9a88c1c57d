import "server-only";
// Stored walk-forward origins in Postgres (backtest_origins): read before a training run so its backtests
// reuse what is still valid, written after it with what the run computed. Which rows are valid is the
// engine's rule (src/server/forecast/backtest-store.ts); this file only moves rows.
import { getDb } from "@/lib/db";
import type { BacktestStoreUpdate, StoredBacktest, StoredOrigin } from "@/server/forecast/backtest-store";
import { HORIZON_KEYS, type HorizonKey, type ModelName } from "@/server/forecast/types";

const COLUMNS = {
  "1d": { forecast: "forecast1d", sd: "modelSd1d" },
  "2d": { forecast: "forecast2d", sd: "modelSd2d" },
  "1w": { forecast: "forecast1w", sd: "modelSd1w" },
} as const satisfies Record<HorizonKey, { forecast: string; sd: string }>;

type Row = {
  configHash: string;
  originDate: Date;
  originIndex: number;
  fingerprint: string;
  fellBack: string[];
} & Record<(typeof COLUMNS)[HorizonKey]["forecast" | "sd"], number | null>;

const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const dayOf = (s: string) => new Date(`${s}T00:00:00Z`);

function toOrigin(r: Row): StoredOrigin {
  const o: StoredOrigin = { index: r.originIndex, date: dateOf(r.originDate), fingerprint: r.fingerprint, forecast: {}, modelSd: {}, fellBack: r.fellBack as HorizonKey[] };
  for (const h of HORIZON_KEYS) {
    const f = r[COLUMNS[h].forecast];
    if (f === null) continue;
    o.forecast[h] = f;
    o.modelSd[h] = r[COLUMNS[h].sd];
  }
  return o;
}

function toRow(o: StoredOrigin) {
  const cols: Record<string, number | null> = {};
  for (const h of HORIZON_KEYS) {
    cols[COLUMNS[h].forecast] = o.forecast[h] ?? null;
    // A non-finite sd is "none" (NULL), like a missing one.
    const sd = o.modelSd[h];
    cols[COLUMNS[h].sd] = sd === undefined || sd === null || !Number.isFinite(sd) ? null : sd;
  }
  return { originDate: dayOf(o.date), originIndex: o.index, fingerprint: o.fingerprint, fellBack: o.fellBack, ...cols };
}

/** Each model's stored origins for a symbol (the rows of its most recent configuration hash). */
export async function loadStoredBacktests({ symbol, models }: { symbol: string; models: readonly ModelName[] }): Promise<Partial<Record<ModelName, StoredBacktest>>> {
  const db = await getDb();
  const rows = await db.backtestOrigin.findMany({ where: { symbol, model: { in: [...models] } }, orderBy: { originDate: "asc" } });
  const out: Partial<Record<ModelName, StoredBacktest>> = {};
  for (const r of rows) {
    const m = r.model as ModelName;
    // One hash per model is written at a time (saveStoredBacktest deletes the others).
    const s = (out[m] ??= { configHash: r.configHash, origins: [] });
    if (s.configHash === r.configHash) s.origins.push(toOrigin(r as unknown as Row));
  }
  return out;
}

/**
 * Replaces what a run changed: rows under another configuration hash, rows before the backtest's first
 * origin (no longer used) and rows of the origins it recomputed go; the recomputed origins are written.
 */
export async function saveStoredBacktest({ symbol, model, update }: { symbol: string; model: ModelName; update: BacktestStoreUpdate }): Promise<void> {
  const db = await getDb();
  const dates = update.computed.map((o) => dayOf(o.date));
  await db.$transaction([
    db.backtestOrigin.deleteMany({
      where: {
        symbol,
        model,
        OR: [{ configHash: { not: update.configHash } }, { originDate: { lt: dayOf(update.firstDate) } }, ...(dates.length ? [{ originDate: { in: dates } }] : [])],
      },
    }),
    db.backtestOrigin.createMany({ data: update.computed.map((o) => ({ symbol, model, configHash: update.configHash, ...toRow(o) })) }),
  ]);
}
