// Earnings releases filed with the SEC (8-K item 2.02) as the event-day term's release days (issue 21 item 4).
// The dates are plain data on the series (`PriceSeries.filed`): the history loader reads them from the live
// data's `earnings_dates`; this engine file never reads a database.
//
// Which bar a filing moves, and when it is known: EDGAR accepts filings 06:00-22:00 New York time. Accepted
// before the close (16:00) of trading day d, the release is in d's close (before the open: the open gaps;
// during the session: the rest of the day) and known at d's close; accepted at or after the close, or on a
// day without a session, it is in the next session's bar and known at that bar's close. Either way a filing
// is read at origin t only when its bar is at or before t: nothing filed after t's close is seen at t.
// The clock is read as written: EDGAR's submissions answer writes New York's clock with a "Z" for some filers
// (Tesla's recorded 8-K of 2022-10-03 says 06:05:40Z, an hour at which EDGAR, read as UTC, is closed) and UTC
// for others, and nothing in the value says which. Read as New York time, a New York clock is exact and a UTC
// clock reads 4-5 hours late: a filing can land a bar late (one made ~12:00-16:00 New York), never early,
// so the reading stays causal. A time of exactly 00:00:00 is a date without a time and counts as after the
// close (a day late at worst, never early).
import type { PriceSeries } from "../types";

export type EventSource = "filed" | "inferred";

export const FILED_RELEASES = {
  /** The regular session's close, New York time. */
  close: "16:00:00",
  /** Filings within this many bars of an earlier one are the same release (an amendment, a second exhibit). */
  collapse: 5,
  /** A release recurs a quarter later: `period` bars unless the filed history says otherwise (spacings 50..80). */
  period: 63,
  minPeriod: 50,
  maxPeriod: 80,
  /** A projected release counts as arrived when a filing lands within this many bars of it. */
  arrived: 10,
} as const;

/** Index of the first date > day (after) or >= day; dates.length when none. */
function firstBar(dates: readonly string[], day: string, after: boolean): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < day || (after && dates[mid] === day)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bar a filing accepted at `filedAt` moves (and is first known at), or null when it is outside the bars. */
export function filedReleaseBar(dates: readonly string[], filedAt: string): number | null {
  const day = filedAt.slice(0, 10);
  const clock = filedAt.slice(11, 19);
  if (!dates.length || day < dates[0]) return null;
  const after = clock >= FILED_RELEASES.close || clock === "00:00:00" || clock.length < 8;
  const i = firstBar(dates, day, after);
  return i < dates.length ? i : null;
}

const barsMemo = new WeakMap<PriceSeries, number[]>();

/** The release bars of a series' filed releases, oldest first, one per release (filings within `collapse` bars: the first). */
export function filedReleaseBars(series: PriceSeries): number[] {
  const kept = barsMemo.get(series);
  if (kept) return kept;
  const bars = (series.filed ?? [])
    .map((f) => filedReleaseBar(series.dates, f.filedAt))
    .filter((i): i is number => i !== null)
    .sort((a, b) => a - b);
  const out: number[] = [];
  for (const i of bars) if (!out.length || i - out[out.length - 1] > FILED_RELEASES.collapse) out.push(i);
  barsMemo.set(series, out);
  return out;
}

/** The source a series' event term reads: its filed releases when any falls on its bars, else the inferred days. */
export function eventSourceOf(series: PriceSeries): EventSource {
  return filedReleaseBars(series).length > 0 ? "filed" : "inferred";
}

/** The recurrence of the known releases: the median of the last four spacings of 50..80 bars to an earlier release. */
export function releasePeriod(events: readonly number[]): number {
  const p = FILED_RELEASES;
  const spacings: number[] = [];
  for (let k = events.length - 1; k > 0 && spacings.length < 4; k--) {
    let best = Number.NaN;
    for (let i = k - 1; i >= 0 && events[k] - events[i] <= p.maxPeriod; i--) {
      const d = events[k] - events[i];
      if (d >= p.minPeriod && !(Math.abs(d - p.period) >= Math.abs(best - p.period))) best = d;
    }
    if (Number.isFinite(best)) spacings.push(best);
  }
  if (!spacings.length) return p.period;
  spacings.sort((a, b) => a - b);
  return spacings[Math.floor(spacings.length / 2)];
}

/**
 * Per origin t >= from: expected number of release days among bars t+1..t+h from the releases at or before t.
 * Every recent release projects one a period later (a company with two releases a quarter, such as Tesla's
 * deliveries and results, has two), spread uniformly over +-spread bars; a projection is dropped once a
 * release arrived near it or its window passed without one (the passed part of a window is dropped too).
 */
export function expectedFiledDays(o: { events: readonly number[]; n: number; steps: number; spread: number; from: number }): Float64Array {
  const out = new Float64Array(o.n);
  const w = o.spread;
  let k = 0;
  for (let t = Math.max(0, o.from); t < o.n; t++) {
    while (k < o.events.length && o.events[k] <= t) k++;
    if (k === 0) continue;
    const known = o.events.slice(Math.max(0, k - 12), k);
    const period = releasePeriod(known);
    let p = 0;
    for (let a = Math.max(0, known.length - 8); a < known.length; a++) {
      const e = known[a] + period;
      if (e + w < t + 1) continue;
      let arrived = false;
      for (let b = a + 1; b < known.length; b++) if (Math.abs(known[b] - e) <= FILED_RELEASES.arrived) arrived = true;
      if (arrived) continue;
      const from = Math.max(t + 1, e - w);
      const to = e + w;
      const hi = Math.min(to, t + o.steps);
      if (hi >= from) p += (hi - from + 1) / (to - from + 1);
    }
    out[t] = p;
  }
  return out;
}
