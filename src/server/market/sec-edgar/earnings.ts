import "server-only";
// Earnings-release dates per symbol (8-K item 2.02 on EDGAR) in the database: written whenever a symbol's
// filings are read (a page, or refreshEarningsDates: the daily refresh and every training, once a day per symbol,
// recorded in earnings_checks); the history loader (src/server/price-history) reads them through earningsDates()
// and hands them to the forecast engine (PriceSeries.filed).
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { CompanyFiling } from "./filings";

export interface EarningsDate {
  /** The filing date, "YYYY-MM-DD". */
  date: string;
  /** EDGAR's acceptance time (ISO): before or after the session. */
  filedAt: string;
  source: string;
  accession: string;
}

/** Keeps the earnings releases among `filings` (one per symbol and date; known dates stay as they are). */
export async function recordEarningsDates(symbol: string, filings: CompanyFiling[]): Promise<number> {
  const rows = filings.filter((f) => f.earnings);
  if (rows.length === 0) return 0;
  const db = await getDb();
  const r = await db.earningsDate.createMany({
    data: rows.map((f) => ({ symbol: symbol.toUpperCase(), date: new Date(`${f.filingDate}T00:00:00Z`), source: "sec-edgar", filedAt: new Date(f.filedAt), accession: f.accession })),
    skipDuplicates: true,
  });
  if (r.count) logger.info("earnings dates stored", { symbol, added: r.count });
  return r.count;
}

/** The stored earnings-release dates of `symbol`, oldest first (for the forecast engine). */
export async function earningsDates(symbol: string): Promise<EarningsDate[]> {
  const db = await getDb();
  const rows = await db.earningsDate.findMany({ where: { symbol: symbol.toUpperCase() }, orderBy: { date: "asc" } });
  return rows.map((r) => ({ date: r.date.toISOString().slice(0, 10), filedAt: r.filedAt.toISOString(), source: r.source, accession: r.accession }));
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** Whether `symbol`'s filings were read for its release dates on the UTC day of `now` (refreshEarningsDates). */
export async function checkedToday(symbol: string, now: Date): Promise<boolean> {
  const db = await getDb();
  const row = await db.earningsCheck.findUnique({ where: { symbol: symbol.toUpperCase() } });
  return row !== null && utcDay(row.checkedAt) === utcDay(now);
}

export async function markChecked(symbol: string, now: Date): Promise<void> {
  const db = await getDb();
  await db.earningsCheck.upsert({ where: { symbol: symbol.toUpperCase() }, create: { symbol: symbol.toUpperCase(), checkedAt: now }, update: { checkedAt: now } });
}
