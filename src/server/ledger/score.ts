import "server-only";
// Scores ledger entries whose target session has closed, from the symbol's current history (counting real
// trading bars from the origin, as the forecast history does). Scores go to their own table: the chained
// entry is never touched. Run by the fill-actuals and daily refresh jobs.
import { getDb, type PrismaClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { loadHistory } from "@/server/price-history";
import type { PriceSeries } from "@/server/forecast/vocabulary";
import { entryView } from "./rows";
import { scoreEntry } from "./scoring";

export interface ScoreLedgerResult {
  checked: number;
  scored: number;
  /** Symbols whose history could not be loaded (every provider down, or unknown now). */
  skipped: string[];
}

export async function scoreLedger({ now = new Date(), limit = 5000, db, seriesOf }: { now?: Date; limit?: number; db?: PrismaClient; seriesOf?: (symbol: string) => Promise<PriceSeries> } = {}): Promise<ScoreLedgerResult> {
  const client = db ?? (await getDb());
  const due = await client.ledgerEntry.findMany({ where: { score: null, targetDate: { lte: now } }, orderBy: { seq: "asc" }, take: limit });
  const bySymbol = new Map<string, typeof due>();
  for (const e of due) bySymbol.set(e.symbol, [...(bySymbol.get(e.symbol) ?? []), e]);
  const load = seriesOf ?? (async (symbol: string) => (await loadHistory({ symbol })).series);
  const skipped: string[] = [];
  let scored = 0;
  for (const [symbol, rows] of bySymbol) {
    let series: PriceSeries;
    try {
      series = await load(symbol);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      logger.warn("score-ledger: history unavailable", { symbol, err });
      skipped.push(symbol);
      continue;
    }
    const index = new Map(series.dates.map((d, i) => [d, i]));
    const data = [];
    for (const row of rows) {
      const e = entryView(row);
      const i = index.get(e.originDate);
      if (i === undefined) continue;
      const j = i + e.horizon;
      if (j >= series.dates.length) continue; // not known yet
      const s = scoreEntry({ entry: e, ratio: series.close[j] / series.close[i] });
      data.push({ seq: e.seq, actualDate: new Date(`${series.dates[j]}T00:00:00Z`), scoredAt: now, ...s });
    }
    if (data.length) scored += (await client.ledgerScore.createMany({ data, skipDuplicates: true })).count;
  }
  return { checked: due.length, scored, skipped: skipped.sort() };
}
