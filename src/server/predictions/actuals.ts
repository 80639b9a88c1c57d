import "server-only";
// History: fills Prediction.actualPrice once the close of the target session is known. The target is
// counted in real trading bars from the origin (so an exchange holiday moves it, and the stored target
// date is corrected to the session that was actually h bars later).
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { loadHistory } from "@/server/price-history";

export interface FillActualsResult {
  checked: number;
  filled: number;
  symbols: string[];
  /** Symbols whose history could not be loaded (unknown now, or every provider down). */
  skipped: string[];
}

export async function fillActuals({ now = new Date(), limit = 5000 }: { now?: Date; limit?: number } = {}): Promise<FillActualsResult> {
  const db = await getDb();
  const open = await db.prediction.findMany({
    where: { actualPrice: null, targetDate: { lte: now } },
    select: { id: true, symbol: true, horizon: true, originDate: true, targetDate: true },
    orderBy: { targetDate: "asc" },
    take: limit,
  });
  const bySymbol = new Map<string, typeof open>();
  for (const p of open) bySymbol.set(p.symbol, [...(bySymbol.get(p.symbol) ?? []), p]);
  let filled = 0;
  const skipped: string[] = [];
  for (const [symbol, rows] of bySymbol) {
    let series;
    try {
      ({ series } = await loadHistory({ symbol }));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      logger.warn("fill-actuals: history unavailable", { symbol, err });
      skipped.push(symbol);
      continue;
    }
    const index = new Map(series.dates.map((d, i) => [d, i]));
    for (const p of rows) {
      const i = index.get(p.originDate.toISOString().slice(0, 10));
      if (i === undefined) continue;
      const j = i + p.horizon;
      if (j >= series.dates.length) continue; // not known yet
      await db.prediction.update({
        where: { id: p.id },
        data: { actualPrice: series.close[j], actualFilledAt: now, targetDate: new Date(`${series.dates[j]}T00:00:00Z`) },
      });
      filled++;
    }
  }
  return { checked: open.length, filled, symbols: [...bySymbol.keys()].sort(), skipped };
}
