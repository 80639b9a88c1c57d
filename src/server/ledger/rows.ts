// Database rows <-> the ledger's public view (dates as YYYY-MM-DD, the timestamp as ISO UTC).
import type { LedgerEntry, LedgerScore } from "@/generated/prisma/client";
import type { LedgerEntryView } from "./chain";
import type { ScoreView } from "./schemas";

const day = (d: Date) => d.toISOString().slice(0, 10);
const date = (s: string) => new Date(`${s}T00:00:00Z`);

export function entryRow(e: LedgerEntryView): LedgerEntry {
  return { ...e, recordedAt: new Date(e.recordedAt), originDate: date(e.originDate), targetDate: date(e.targetDate) };
}

export function entryView(r: LedgerEntry): LedgerEntryView {
  return {
    seq: r.seq,
    recordedAt: r.recordedAt.toISOString(),
    symbol: r.symbol,
    model: r.model,
    version: r.version,
    horizon: r.horizon,
    originDate: day(r.originDate),
    targetDate: day(r.targetDate),
    originClose: r.originClose,
    price: r.price,
    lower80: r.lower80,
    upper80: r.upper80,
    lower95: r.lower95,
    upper95: r.upper95,
    lower99: r.lower99,
    upper99: r.upper99,
    quantiles: r.quantiles,
    source: r.source,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

export function scoreView(s: LedgerScore): ScoreView {
  const { seq: _seq, actualDate, scoredAt, ...rest } = s;
  return { ...rest, actualDate: day(actualDate), scoredAt: scoredAt.toISOString() };
}
