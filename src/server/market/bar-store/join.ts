// Joining an older daily series (the shipped set, or the bars already stored) with a newer one (a provider's
// answer) into one series on one price scale. The overlap decides: closes that agree join as they are; closes
// off by a split ratio (NVDA 10:1 on 2024-06-10: the shipped 875 against the provider's split-adjusted 87.5)
// rescale the older bars, volumes inversely, instead of showing a 90% crash; anything else is refused, so a
// provider that disagrees with the history already served never rewrites it. Pure (no I/O).
import type { Bar } from "../types";

/** Forward (2:1 .. 50:1, 3:2) and reverse splits, as older price / newer price. */
const FORWARD = [1.5, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40, 50];
export const SPLIT_RATIOS: readonly number[] = [...FORWARD, ...FORWARD.map((r) => 1 / r)];

/**
 * How far one overlap day's close ratio may sit from the join's factor: providers round differently and some
 * closes are as-traded, others adjusted; 2% is well above that noise and far below the nearest split (3:2).
 */
export const JOIN_TOLERANCE = 0.02;

export type JoinOutcome =
  | {
      ok: true;
      bars: Bar[];
      /** Older price / newer price on the overlap: 1 for a clean join, the split ratio otherwise. */
      factor: number;
      /** Older bars dated before this were divided by `factor` (their volumes multiplied); null when factor is 1. */
      rescaledBefore: string | null;
      overlap: number;
    }
  | { ok: false; reason: string; overlap: number; disjoint: boolean };

const day = (b: Bar) => b.time.slice(0, 10);
const near = (x: number, target: number) => Math.abs(x / target - 1) <= JOIN_TOLERANCE;

/** The split ratio (or 1) a close ratio is within tolerance of, or null. */
export function matchFactor(ratio: number): number | null {
  if (!Number.isFinite(ratio) || ratio <= 0) return null;
  if (near(ratio, 1)) return 1;
  return SPLIT_RATIOS.find((r) => near(ratio, r)) ?? null;
}

export function rescaleBar<B extends Bar>(b: B, factor: number): B {
  if (factor === 1) return b;
  return {
    ...b,
    open: b.open / factor,
    high: b.high / factor,
    low: b.low / factor,
    close: b.close / factor,
    ...(b.adjClose !== undefined ? { adjClose: b.adjClose / factor } : {}),
    volume: Math.round(b.volume * factor),
  };
}

/**
 * One series from `older` and `newer` (both ascending by date): newer bars win from newer's first date on;
 * older bars before it are kept, rescaled when the overlap shows a split. The overlap's close ratios must all
 * sit at one factor, or at a split ratio up to some date and 1 from it on (an as-traded older series that
 * already holds the first sessions after the split): then the split is dated there.
 */
export function joinSeries({ older, newer }: { older: Bar[]; newer: Bar[] }): JoinOutcome {
  if (newer.length === 0) return { ok: true, bars: older.slice(), factor: 1, rescaledBefore: null, overlap: 0 };
  if (older.length === 0) return { ok: true, bars: newer.slice(), factor: 1, rescaledBefore: null, overlap: 0 };
  const newFirst = day(newer[0]!);
  const olderLast = day(older[older.length - 1]!);
  const newLast = day(newer[newer.length - 1]!);
  if (newLast < olderLast) {
    return { ok: false, reason: `the new series ends ${newLast}, before the ${olderLast} already held (truncated?)`, overlap: 0, disjoint: false };
  }
  const closes = new Map(older.map((b) => [day(b), b.close]));
  const overlap: { date: string; ratio: number }[] = [];
  for (const b of newer) {
    const c = closes.get(day(b));
    if (c !== undefined) overlap.push({ date: day(b), ratio: c / b.close });
  }
  if (overlap.length === 0) {
    return { ok: false, reason: `no overlap: the held series ends ${olderLast}, the new one starts ${newFirst}`, overlap: 0, disjoint: true };
  }
  // The newest overlap day sets the factor for the days after any split inside the overlap.
  const tail = matchFactor(overlap[overlap.length - 1]!.ratio);
  let factor: number | null = null;
  let splitAt: string | null = null;
  if (tail !== null) {
    let i = overlap.length - 1;
    while (i >= 0 && near(overlap[i]!.ratio, tail)) i--;
    if (i < 0) factor = tail;
    else if (tail === 1) {
      // Older days at one split ratio, newer days agreeing: the split happened on the first agreeing day.
      const head = matchFactor(overlap[i]!.ratio);
      if (head !== null && head !== 1 && overlap.slice(0, i + 1).every((o) => near(o.ratio, head))) {
        factor = head;
        splitAt = overlap[i + 1]!.date;
      }
    }
  }
  if (factor === null) {
    const worst = overlap.reduce((w, o) => (Math.abs(Math.log(o.ratio)) > Math.abs(Math.log(w.ratio)) ? o : w));
    return {
      ok: false,
      reason: `the overlap disagrees: ${overlap.length} shared sessions, close ratio ${worst.ratio.toFixed(4)} on ${worst.date} is neither 1 nor a split ratio within ${JOIN_TOLERANCE * 100}%`,
      overlap: overlap.length,
      disjoint: false,
    };
  }
  const cut = splitAt ?? newFirst;
  const kept = older.filter((b) => day(b) < newFirst).map((b) => (day(b) < cut ? rescaleBar(b, factor) : b));
  return { ok: true, bars: [...kept, ...newer], factor, rescaledBefore: factor === 1 ? null : cut, overlap: overlap.length };
}
