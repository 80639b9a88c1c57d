import "server-only";
// Reading the ledger: a page of entries with their scores and the chain fields (GET /api/track-record, the
// /track-record page), the pooled scores per model and horizon over every scored entry the filters match,
// and the whole chain's verification (the CLI).
import { getDb, Prisma, type PrismaClient } from "@/lib/db";
import { GENESIS_HASH } from "./chain";
import { entryView, scoreView } from "./rows";
import type { PooledFigures, TrackRecordEntry, TrackRecordPage } from "./schemas";
import { chainVerifier, type ChainVerdict } from "./verify";

export interface TrackRecordFilter {
  symbol?: string;
  model?: string;
  /** Trading days (1, 2, 5). */
  horizon?: number;
  /** Origin dates, inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

function whereOf(f: TrackRecordFilter): Prisma.LedgerEntryWhereInput {
  return {
    ...(f.symbol ? { symbol: f.symbol } : {}),
    ...(f.model ? { model: f.model } : {}),
    ...(f.horizon ? { horizon: f.horizon } : {}),
    ...(f.from || f.to ? { originDate: { ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}), ...(f.to ? { lte: new Date(`${f.to}T00:00:00Z`) } : {}) } } : {}),
  };
}

function sqlWhere(f: TrackRecordFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.symbol) parts.push(Prisma.sql`e.symbol = ${f.symbol}`);
  if (f.model) parts.push(Prisma.sql`e.model = ${f.model}`);
  if (f.horizon) parts.push(Prisma.sql`e.horizon = ${f.horizon}`);
  if (f.from) parts.push(Prisma.sql`e.origin_date >= ${f.from}::date`);
  if (f.to) parts.push(Prisma.sql`e.origin_date <= ${f.to}::date`);
  return Prisma.join(parts, " AND ");
}

type PooledRow = { model: string; horizon: number; n: bigint | number; cov80: number | null; cov95: number | null; w95: number | null; crps: number | null; mae: number; naive: number; first: Date; last: Date };

/** Pooled figures of every scored entry the filter matches: naive first, then by model name, horizons ascending. */
export async function pooledScores(f: TrackRecordFilter = {}, db?: PrismaClient): Promise<PooledFigures[]> {
  const client = db ?? (await getDb());
  const rows = await client.$queryRaw<PooledRow[]>`
    SELECT e.model, e.horizon, COUNT(*) AS n,
      AVG(CASE WHEN s.inside_80 THEN 1.0 WHEN s.inside_80 IS NOT NULL THEN 0.0 END)::float8 AS cov80,
      AVG(CASE WHEN s.inside_95 THEN 1.0 WHEN s.inside_95 IS NOT NULL THEN 0.0 END)::float8 AS cov95,
      AVG(s.winkler_95) AS w95, AVG(s.crps) AS crps, AVG(s.abs_error) AS mae, AVG(s.naive_abs_error) AS naive,
      MIN(e.target_date) AS first, MAX(e.target_date) AS last
    FROM forecast_ledger e JOIN forecast_ledger_scores s ON s.seq = e.seq
    WHERE ${sqlWhere(f)}
    GROUP BY e.model, e.horizon`;
  return rows
    .map((r) => ({
      model: r.model,
      horizon: Number(r.horizon),
      n: Number(r.n),
      coverage80: r.cov80,
      coverage95: r.cov95,
      winkler95: r.w95,
      crps: r.crps,
      mae: r.mae,
      naiveMae: r.naive,
      maeRatio: r.naive > 0 ? r.mae / r.naive : null,
      firstTarget: r.first.toISOString().slice(0, 10),
      lastTarget: r.last.toISOString().slice(0, 10),
    }))
    .sort((a, b) => Number(b.model === "naive") - Number(a.model === "naive") || a.model.localeCompare(b.model) || a.horizon - b.horizon);
}

export async function ledgerHead(db?: PrismaClient): Promise<{ seq: number; hash: string }> {
  const client = db ?? (await getDb());
  const h = await client.ledgerHead.findUnique({ where: { id: 1 } });
  return h ? { seq: h.seq, hash: h.hash } : { seq: 0, hash: GENESIS_HASH };
}

export async function trackRecord({ filter = {}, after = 0, limit = 100, db }: { filter?: TrackRecordFilter; after?: number; limit?: number; db?: PrismaClient }): Promise<TrackRecordPage> {
  const client = db ?? (await getDb());
  const where = whereOf(filter);
  const [head, entries, scored, rows, summary] = await Promise.all([
    ledgerHead(client),
    client.ledgerEntry.count({ where }),
    client.ledgerEntry.count({ where: { ...where, score: { isNot: null } } }),
    client.ledgerEntry.findMany({ where: { ...where, seq: { gt: after } }, orderBy: { seq: "asc" }, take: limit + 1, include: { score: true } }),
    pooledScores(filter, client),
  ]);
  const page = rows.slice(0, limit);
  return {
    head,
    counts: { entries, scored, awaiting: entries - scored },
    summary,
    entries: page.map((r) => ({ ...entryView(r), score: r.score ? scoreView(r.score) : null })),
    nextAfter: rows.length > limit ? page[page.length - 1].seq : null,
  };
}

/** Verifies the whole stored chain against the head, reading it in batches. */
export async function verifyStoredLedger({ db, batch = 2000 }: { db?: PrismaClient; batch?: number } = {}): Promise<ChainVerdict> {
  const client = db ?? (await getDb());
  const head = await ledgerHead(client);
  const v = chainVerifier();
  let after = 0;
  for (;;) {
    const rows = await client.ledgerEntry.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: batch });
    let ok = true;
    for (const r of rows) if (!(ok = v.push(entryView(r)))) break;
    if (!ok || rows.length < batch) break;
    after = rows[rows.length - 1].seq;
  }
  return v.finish(head);
}

/** The most recent entries, newest first, with their scores. */
export async function latestEntries({ limit = 10, db }: { limit?: number; db?: PrismaClient } = {}): Promise<TrackRecordEntry[]> {
  const client = db ?? (await getDb());
  const rows = await client.ledgerEntry.findMany({ orderBy: { seq: "desc" }, take: limit, include: { score: true } });
  return rows.map((r) => ({ ...entryView(r), score: r.score ? scoreView(r.score) : null }));
}
