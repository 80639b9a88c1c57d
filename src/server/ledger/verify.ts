// Verifying the ledger: entries in sequence order, each following the one before (seq + 1, prevHash = its
// hash), each hash recomputed from its fields, each recorded before its target session opened, and the last
// entry matching the head (so a cut tail shows). The first broken entry is reported by sequence number.
import { entryHash, GENESIS_HASH, sessionOpensAt, type LedgerEntryView } from "./chain";

export type BreakReason = "sequence" | "link" | "hash" | "late" | "head";

export interface ChainBreak {
  /** Sequence number of the first entry that does not verify (for "head": the head's). */
  seq: number;
  reason: BreakReason;
  message: string;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The last verified entry (seq 0 and the genesis hash when none). */
  last: { seq: number; hash: string };
  broken: ChainBreak | null;
}

/** Streams entries through `push` (in seq order), then `finish` with the head when it is known. */
export function chainVerifier(start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }) {
  let last = { ...start };
  let checked = 0;
  let broken: ChainBreak | null = null;
  return {
    push(e: LedgerEntryView): boolean {
      if (broken) return false;
      const expected = last.seq + 1;
      if (e.seq !== expected) {
        broken = { seq: expected, reason: "sequence", message: e.seq > expected ? `entry ${expected} is missing (next found: ${e.seq})` : `entry ${e.seq} is out of order (expected ${expected})` };
      } else if (e.prevHash !== last.hash) {
        broken = { seq: e.seq, reason: "link", message: `entry ${e.seq} does not follow entry ${last.seq}: its prevHash is not that entry's hash` };
      } else if (entryHash(e) !== e.hash) {
        broken = { seq: e.seq, reason: "hash", message: `entry ${e.seq} was changed: its fields no longer hash to its hash` };
      } else if (Date.parse(e.recordedAt) >= sessionOpensAt(e.targetDate).getTime()) {
        broken = { seq: e.seq, reason: "late", message: `entry ${e.seq} was recorded at ${e.recordedAt}, after its target session (${e.targetDate}) opened` };
      }
      if (broken) return false;
      last = { seq: e.seq, hash: e.hash };
      checked++;
      return true;
    },
    finish(head?: { seq: number; hash: string } | null): ChainVerdict {
      if (!broken && head && (head.seq !== last.seq || head.hash !== last.hash)) {
        broken =
          head.seq > last.seq
            ? { seq: last.seq + 1, reason: "head", message: `the head is entry ${head.seq}, but the chain ends at entry ${last.seq}: entries ${last.seq + 1}..${head.seq} are missing` }
            : { seq: head.seq, reason: "head", message: `the head (entry ${head.seq}) does not match the last entry (${last.seq})` };
      }
      return { ok: !broken, checked, last, broken };
    },
  };
}

export function verifyChain(entries: readonly LedgerEntryView[], head?: { seq: number; hash: string } | null): ChainVerdict {
  const v = chainVerifier();
  for (const e of entries) if (!v.push(e)) break;
  return v.finish(head);
}
