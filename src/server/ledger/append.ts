import "server-only";
// Appending served forecasts to the ledger. Appends are serialised on the head row (SELECT ... FOR UPDATE in
// a transaction), so two app processes on one database extend one chain; the unique prev_hash would refuse
// a fork even without the lock. A forecast already in the ledger (same symbol, model, version, horizon and
// origin) is not appended again, and one whose target session has opened is not a forecast: it is left out.
import { getDb, type PrismaClient } from "@/lib/db";
import { entryHash, sessionOpensAt, type LedgerFields } from "./chain";
import { entryRow } from "./rows";

/** What a caller supplies; the ledger adds seq, recordedAt and prevHash. */
export type LedgerInput = Omit<LedgerFields, "seq" | "recordedAt" | "prevHash">;

export interface AppendResult {
  appended: number;
  /** Already in the ledger. */
  duplicates: number;
  /** Target session already open when recorded (e.g. forecasts from the shipped, historical data set). */
  late: number;
  head: { seq: number; hash: string } | null;
}

const keyOf = (x: { symbol: string; model: string; version: string; horizon: number; originDate: string }) => `${x.symbol}|${x.model}|${x.version}|${x.horizon}|${x.originDate}`;

type Tx = Pick<PrismaClient, "ledgerEntry">;
async function existingKeys(db: Tx, inputs: readonly LedgerInput[]): Promise<Set<string>> {
  const rows = await db.ledgerEntry.findMany({
    where: {
      symbol: { in: [...new Set(inputs.map((x) => x.symbol))] },
      version: { in: [...new Set(inputs.map((x) => x.version))] },
      originDate: { in: [...new Set(inputs.map((x) => x.originDate))].map((d) => new Date(`${d}T00:00:00Z`)) },
    },
    select: { symbol: true, model: true, version: true, horizon: true, originDate: true },
  });
  return new Set(rows.map((r) => keyOf({ ...r, originDate: r.originDate.toISOString().slice(0, 10) })));
}

export async function appendToLedger({ inputs, now = new Date(), db }: { inputs: readonly LedgerInput[]; now?: Date; db?: PrismaClient }): Promise<AppendResult> {
  const onTime = inputs.filter((x) => now.getTime() < sessionOpensAt(x.targetDate).getTime());
  const late = inputs.length - onTime.length;
  if (!onTime.length) return { appended: 0, duplicates: 0, late, head: null };
  const client = db ?? (await getDb());
  // Most calls find their forecasts recorded already (a recomputed cache entry): no lock for those.
  const before = await existingKeys(client, onTime);
  if (onTime.every((x) => before.has(keyOf(x)))) return { appended: 0, duplicates: onTime.length, late, head: null };
  return client.$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ seq: number; hash: string }[]>`SELECT seq, hash FROM forecast_ledger_head WHERE id = 1 FOR UPDATE`;
      if (!locked) throw new Error("The forecast ledger has no head row (migration 20261207130000_forecast_ledger not applied)");
      const seen = await existingKeys(tx, onTime);
      let head = { seq: Number(locked.seq), hash: locked.hash };
      const rows = [];
      const recordedAt = now.toISOString();
      for (const x of onTime) {
        const k = keyOf(x);
        if (seen.has(k)) continue;
        seen.add(k);
        const fields: LedgerFields = { ...x, seq: head.seq + 1, recordedAt, prevHash: head.hash };
        const hash = entryHash(fields);
        rows.push(entryRow({ ...fields, hash }));
        head = { seq: fields.seq, hash };
      }
      if (rows.length) {
        await tx.ledgerEntry.createMany({ data: rows });
        await tx.ledgerHead.update({ where: { id: 1 }, data: { seq: head.seq, hash: head.hash, updatedAt: now } });
      }
      return { appended: rows.length, duplicates: onTime.length - rows.length, late, head };
    },
    // Waiting for the other process's append happens inside the transaction: give it room.
    { maxWait: 10_000, timeout: 30_000 },
  );
}
