// A signed-in person's portfolios: named, each the transactions it was given by hand or imported from a CSV.
// Owner-only: another person's id is "not found". Every change of the transactions is checked whole against
// the market data and written in one database transaction, or not at all.
import "server-only";
import { getDb } from "@/lib/db";
import { createWithinCap } from "@/lib/db/account-cap";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import type { Principal } from "@/server/auth";
import { parseTransactionsCsv } from "./csv-import";
import { priceRanges } from "./market-data";
import { MAX_PORTFOLIOS, type ImportResult, type PortfolioList, type TradeBody } from "./schemas";
import { tradeProblems, type LabelledTrade } from "./transactions";
import { portfolioView, type StoredTrade } from "./view";

const isUniqueViolation = (err: unknown) => typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
const NAME_TAKEN = "You already have a portfolio with this name";
const TRADE_SELECT = { id: true, date: true, symbol: true, quantity: true, price: true, fees: true, position: true } as const;

/** Trades that cannot be kept, each with where it came from; nothing of the request was written. */
export class TradesRefused extends AppError {
  // AppError's own check is by brand and would call every AppError a TradesRefused: this one also needs rows.
  static [Symbol.hasInstance](value: unknown): boolean {
    return AppError[Symbol.hasInstance](value) && Array.isArray((value as { rows?: unknown }).rows);
  }
  constructor(
    readonly rows: { label: string; line: number; reason: string }[],
    done: "saved" | "imported" = "saved",
  ) {
    super("bad_request", refusedMessage(rows, done));
  }
}

function refusedMessage(rows: { label: string; reason: string }[], done: "saved" | "imported"): string {
  const first = rows[0];
  if (rows.length === 1) return `${first.label}: ${first.reason}; nothing was ${done}`;
  return `${rows.length} ${done === "imported" ? "rows" : "transactions"} cannot be ${done} (${first.label}: ${first.reason}; and ${rows.length - 1} more), so nothing was ${done}`;
}

function ownerOf(principal: Principal): string {
  if (!principal.userId) throw forbidden("Portfolios belong to an account; the admin key has none");
  return principal.userId;
}

const toIsoDay = (d: Date) => d.toISOString().slice(0, 10);
const stored = (rows: { id: string; date: Date; symbol: string; quantity: number; price: number; fees: number; position: number }[]): StoredTrade[] =>
  rows.map((r) => ({ id: r.id, date: toIsoDay(r.date), symbol: r.symbol, quantity: r.quantity, price: r.price, fees: r.fees, position: r.position }));

async function owned(userId: string, id: string) {
  const db = await getDb();
  const found = await db.portfolio.findFirst({ where: { id, userId }, select: { id: true, name: true, createdAt: true, updatedAt: true } });
  // Someone else's portfolio is "not found", not "forbidden": ids are not confirmed to exist.
  if (!found) throw notFound("No portfolio with this id");
  return found;
}

async function tradesOf(portfolioId: string): Promise<StoredTrade[]> {
  const db = await getDb();
  return stored(await db.portfolioTransaction.findMany({ where: { portfolioId }, orderBy: [{ date: "asc" }, { position: "asc" }], select: TRADE_SELECT }));
}

/** Refuses the whole set when any trade is wrong; `line` is the file line (import) or the item number (form). */
async function assertKeepable({ existing, incoming }: { existing: StoredTrade[]; incoming: (TradeBody & { label: string; line: number })[] }): Promise<void> {
  const symbols = [...new Set(incoming.map((t) => t.symbol))];
  const ranges = await priceRanges({ symbols });
  const offset = existing.reduce((m, t) => Math.max(m, t.position + 1), 0);
  const kept: LabelledTrade[] = existing.map((t) => ({ ...t, label: `kept ${t.id}`, order: t.position }));
  const fresh: LabelledTrade[] = incoming.map((t, i) => ({ ...t, order: offset + i }));
  const problems = tradeProblems({ existing: kept, incoming: fresh, ranges, today: toIsoDay(new Date()) });
  if (problems.length) {
    const lineOf = new Map(incoming.map((t) => [t.label, t.line]));
    throw new TradesRefused(problems.map((p) => ({ ...p, line: lineOf.get(p.label) ?? 0 })));
  }
}

const fromForm = (trades: TradeBody[]) => trades.map((t, i) => ({ ...t, label: `transactions item ${i + 1}`, line: i + 1 }));

export async function listPortfoliosFor({ principal }: { principal: Principal }): Promise<PortfolioList> {
  return listPortfolios({ userId: ownerOf(principal) });
}

export async function listPortfolios({ userId }: { userId: string }): Promise<PortfolioList> {
  const db = await getDb();
  const rows = await db.portfolio.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, updatedAt: true, transactions: { select: { symbol: true } } },
  });
  return {
    portfolios: rows.map((p) => ({
      id: p.id,
      name: p.name,
      symbols: [...new Set(p.transactions.map((t) => t.symbol))].sort(),
      transactions: p.transactions.length,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    })),
  };
}

export async function createPortfolioFor({ principal, name, transactions }: { principal: Principal; name: string; transactions: TradeBody[] }) {
  const userId = ownerOf(principal);
  const db = await getDb();
  const refusal = () => `You have ${MAX_PORTFOLIOS} portfolios, the most allowed; delete one first`;
  if ((await db.portfolio.count({ where: { userId } })) >= MAX_PORTFOLIOS) throw conflict(refusal());
  await assertKeepable({ existing: [], incoming: fromForm(transactions) });
  try {
    const created = await createWithinCap({
      userId,
      cap: MAX_PORTFOLIOS,
      held: (tx) => tx.portfolio.count({ where: { userId } }),
      refusal,
      create: (tx) =>
        tx.portfolio.create({
          data: { userId, name, transactions: { create: transactions.map((t, i) => ({ ...t, date: new Date(`${t.date}T00:00:00Z`), position: i })) } },
          select: { id: true },
        }),
    });
    return getPortfolio({ userId, id: created.id });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(NAME_TAKEN);
    throw err;
  }
}

export async function getPortfolio({ userId, id }: { userId: string; id: string }) {
  const p = await owned(userId, id);
  return portfolioView({ portfolio: p, trades: await tradesOf(id) });
}

export async function getPortfolioFor({ principal, id }: { principal: Principal; id: string }) {
  return getPortfolio({ userId: ownerOf(principal), id });
}

export async function updatePortfolioFor({ principal, id, name, transactions }: { principal: Principal; id: string; name?: string; transactions?: TradeBody[] }) {
  const userId = ownerOf(principal);
  await owned(userId, id);
  if (transactions) await assertKeepable({ existing: [], incoming: fromForm(transactions) });
  const db = await getDb();
  try {
    await db.$transaction(async (tx) => {
      await tx.portfolio.update({ where: { id }, data: { ...(name !== undefined ? { name } : {}), updatedAt: new Date() } });
      if (!transactions) return;
      await tx.portfolioTransaction.deleteMany({ where: { portfolioId: id } });
      await tx.portfolioTransaction.createMany({ data: transactions.map((t, i) => ({ ...t, portfolioId: id, date: new Date(`${t.date}T00:00:00Z`), position: i })) });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(NAME_TAKEN);
    throw err;
  }
  return getPortfolio({ userId, id });
}

export async function deletePortfolioFor({ principal, id }: { principal: Principal; id: string }): Promise<{ deleted: true; id: string }> {
  const userId = ownerOf(principal);
  await owned(userId, id);
  // The transactions go with it (foreign key cascade).
  await (await getDb()).portfolio.delete({ where: { id } });
  return { deleted: true, id };
}

/**
 * Adds the transactions of a CSV file: every row is checked (format, symbol, dates, no sale beyond what is
 * held) and either all are written in one database transaction or none is, with each bad row's line.
 */
export async function importCsvFor({ principal, id, csv }: { principal: Principal; id: string; csv: string }): Promise<ImportResult> {
  const userId = ownerOf(principal);
  await owned(userId, id);
  const { trades, problems } = parseTransactionsCsv(csv);
  const incoming = trades.map((t) => ({ ...t, label: `line ${t.line}` }));
  const db = await getDb();
  let refused = problems.map((p) => ({ label: `line ${p.line}`, line: p.line, reason: p.reason }));
  try {
    if (incoming.length) await assertKeepable({ existing: await tradesOf(id), incoming });
  } catch (err) {
    if (!(err instanceof TradesRefused)) throw err;
    refused = [...refused, ...err.rows].sort((a, b) => a.line - b.line);
  }
  if (refused.length) throw new TradesRefused(refused, "imported");
  await db.$transaction(async (tx) => {
    // One import at a time per portfolio: a second waits here and is checked against what the first wrote.
    await tx.$queryRaw`SELECT id FROM portfolios WHERE id = ${id} FOR UPDATE`;
    const existing = stored(await tx.portfolioTransaction.findMany({ where: { portfolioId: id }, select: TRADE_SELECT }));
    const offset = existing.reduce((m, t) => Math.max(m, t.position + 1), 0);
    const again = tradeProblems({
      existing: existing.map((t) => ({ ...t, label: `kept ${t.id}`, order: t.position })),
      incoming: incoming.map((t, i) => ({ ...t, order: offset + i })),
      ranges: new Map(incoming.map((t) => [t.symbol, { first: "0000-01-01", last: "9999-12-31" }])),
      today: "9999-12-31",
    });
    if (again.length) throw new TradesRefused(again.map((p) => ({ ...p, line: Number(p.label.slice(5)) })), "imported");
    await tx.portfolioTransaction.createMany({
      data: incoming.map((t, i) => ({ portfolioId: id, date: new Date(`${t.date}T00:00:00Z`), symbol: t.symbol, quantity: t.quantity, price: t.price, fees: t.fees, position: offset + i })),
    });
    await tx.portfolio.update({ where: { id }, data: { updatedAt: new Date() } });
  });
  return { imported: incoming.length, portfolio: await getPortfolio({ userId, id }) };
}
