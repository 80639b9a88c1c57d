import "server-only";
// Served forecasts read back: each stored prediction beside the close that followed (filled by the
// daily actuals job), its error in % of that close, whether it fell inside its 80/95% intervals, and a
// summary per model and horizon.
import { getDb } from "@/lib/db";
import { HORIZONS, type HorizonKey } from "@/server/forecast/vocabulary";
import { getDaily, parseSymbol } from "@/server/market";
import { HISTORY_MAX_DAYS } from "./schemas";
import type { HistoryRow, HistorySummary, PredictionHistory } from "./types";

const day = (d: Date) => d.toISOString().slice(0, 10);
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const inside = (x: number | null, lo: number | null, hi: number | null) => (x === null || lo === null || hi === null ? null : x >= lo && x <= hi);
const share = (xs: (boolean | null)[]) => {
  const known = xs.filter((x): x is boolean => x !== null);
  return known.length ? round(known.filter(Boolean).length / known.length) : null;
};


/**
 * `days` counts back from the symbol's latest recorded origin rather than from today: on the shipped,
 * as-of-dated data set every origin is in the past, and the window must still hold the recent ones.
 */
export async function predictionHistory({
  symbol,
  days = 90,
  model,
  horizon,
}: {
  symbol: string;
  days?: number;
  model?: string;
  horizon?: HorizonKey;
}): Promise<PredictionHistory> {
  const sym = parseSymbol(symbol);
  const db = await getDb();
  const where = { symbol: sym, ...(model ? { model } : {}), ...(horizon ? { horizon: HORIZONS[horizon] } : {}) };
  const latest = await db.prediction.findFirst({ where, orderBy: { originDate: "desc" }, select: { originDate: true } });
  if (!latest) {
    // No history: an unknown symbol is a 404 (getDaily's), not an empty 200.
    await getDaily({ symbol: sym });
    return { symbol: sym, from: null, to: null, days, rows: [], summary: [] };
  }
  const from = new Date(latest.originDate.getTime() - days * 86_400_000);
  const found = await db.prediction.findMany({
    where: { ...where, originDate: { gte: from } },
    orderBy: [{ originDate: "asc" }, { model: "asc" }, { horizon: "asc" }],
    include: { modelVersion: { select: { version: true } } },
  });
  const rows: HistoryRow[] = found.map((p) => {
    const { symbol: _symbol, ...row } = historyRow(p);
    return row;
  });
  const summary = summarizeHistory(rows);
  return { symbol: sym, from: day(from), to: day(latest.originDate), days, rows, summary };
}

/** Every stored served forecast with origin dates in [from, to] (inclusive), for export. */
export async function storedPredictions({ from, to }: { from?: string; to?: string } = {}): Promise<(HistoryRow & { symbol: string })[]> {
  const db = await getDb();
  const found = await db.prediction.findMany({
    where: { originDate: { ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}), ...(to ? { lte: new Date(`${to}T00:00:00Z`) } : {}) } },
    orderBy: [{ symbol: "asc" }, { originDate: "asc" }, { model: "asc" }, { horizon: "asc" }],
    include: { modelVersion: { select: { version: true } } },
  });
  return found.map(historyRow);
}

type StoredRow = {
  symbol?: string;
  model: string;
  horizon: number;
  originDate: Date;
  targetDate: Date;
  predictedPrice: number;
  lower80: number | null;
  upper80: number | null;
  lower95: number | null;
  upper95: number | null;
  actualPrice: number | null;
  modelVersion: { version: string } | null;
};

function historyRow(p: StoredRow): HistoryRow & { symbol: string } {
  return {
    symbol: p.symbol ?? "",
    model: p.model,
    version: p.modelVersion?.version ?? null,
    horizon: p.horizon,
    originDate: day(p.originDate),
    targetDate: day(p.targetDate),
    predicted: p.predictedPrice,
    lower80: p.lower80,
    upper80: p.upper80,
    lower95: p.lower95,
    upper95: p.upper95,
    actual: p.actualPrice,
    errorPercent: p.actualPrice ? round((100 * (p.predictedPrice - p.actualPrice)) / p.actualPrice) : null,
    inside80: inside(p.actualPrice, p.lower80, p.upper80),
    inside95: inside(p.actualPrice, p.lower95, p.upper95),
  };
}

/** MAE in % and interval hit rates per model and horizon (grouped by symbol too when rows carry one). */
export function summarizeHistory(rows: readonly (HistoryRow & { symbol?: string })[]): (HistorySummary & { symbol?: string })[] {
  const groups = new Map<string, (HistoryRow & { symbol?: string })[]>();
  for (const r of rows) {
    const k = `${r.symbol ?? ""}|${r.model}|${r.horizon}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map((g) => {
    const errs = g.flatMap((r) => (r.errorPercent === null ? [] : [Math.abs(r.errorPercent)]));
    return {
      ...(g[0].symbol ? { symbol: g[0].symbol } : {}),
      model: g[0].model,
      horizon: g[0].horizon,
      count: g.length,
      filled: errs.length,
      maePercent: errs.length ? round(errs.reduce((s, x) => s + x, 0) / errs.length) : null,
      hit80: share(g.map((r) => r.inside80)),
      hit95: share(g.map((r) => r.inside95)),
    };
  });
}
