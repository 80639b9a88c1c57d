// Checks every bar and quote before it is served: a negative close, a row dated in the future or a row
// whose high is below its low is refused with a reason instead of becoming the quote or the forecast's
// last close. Pure (no I/O).
import { aggregateByTime } from "./bars";
import type { Bar, Quote } from "./types";

export interface Refused {
  /** The row's date as given, or its line number when it has none. */
  at: string;
  reason: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
// Intraday timestamps may run a little ahead of this machine's clock; a daily bar is never after today.
const CLOCK_SKEW_MS = 5 * 60_000;

function timeProblem(time: unknown, now: Date): string | null {
  if (typeof time !== "string" || !DATE.test(time) || !Number.isFinite(Date.parse(time))) return "date is not a valid date";
  if (time.length === 10) return time > now.toISOString().slice(0, 10) ? "date is in the future" : null;
  return Date.parse(time) > now.getTime() + CLOCK_SKEW_MS ? "time is in the future" : null;
}

const NY = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour12: false, weekday: "short", hour: "2-digit", minute: "2-digit" });
const OPEN_MIN = 9 * 60 + 30;
const CLOSE_MIN = 16 * 60;

/**
 * Whether an intraday bar starting at `iso` and lasting `intervalMin` minutes overlaps the regular US session
 * (09:30-16:00 New York time, Monday to Friday). Extended-hours prints are thin and can be wild (a real Alpha
 * Vantage 17:00 ET AAPL bar spans 153.39..219.34 around 183); the charts and forecasts use the regular session.
 */
export function inRegularSession(iso: string, intervalMin: number): boolean {
  const parts = NY.formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  if (get("weekday") === "Sat" || get("weekday") === "Sun") return false;
  const start = (Number(get("hour")) % 24) * 60 + Number(get("minute"));
  return start < CLOSE_MIN && start + intervalMin > OPEN_MIN;
}

/**
 * A provider's 1-minute or hourly bars as served at `intervalMin` (1, 60, or 240 built from hourly ones): the regular
 * session's only (extended-hours bars are another session, not errors); null when none are left.
 */
export function regularSessionBars(raw: Bar[] | null, intervalMin: number): Bar[] | null {
  const bars = (raw ?? []).filter((b) => inRegularSession(b.time, intervalMin === 1 ? 1 : 60));
  if (bars.length === 0) return null;
  return intervalMin > 60 ? aggregateByTime(bars, intervalMin) : bars;
}

// An intraday bar whose high or low lies more than this fraction beyond its open and close is a bad print.
const MAX_WICK = 0.1;

export interface BarCheck {
  now?: Date;
  /** The bars' interval in minutes when they are intraday: enables the regular-session and range checks. */
  intervalMin?: number;
}

/** Why one bar cannot be served, or null when it can. */
export function barProblem(b: Bar, now = new Date(), { intervalMin }: Omit<BarCheck, "now"> = {}): string | null {
  const t = timeProblem(b.time, now);
  if (t) return t;
  for (const k of ["open", "high", "low", "close"] as const) {
    if (typeof b[k] !== "number" || !Number.isFinite(b[k])) return `${k} is not a number`;
    if (b[k] <= 0) return `${k} is not positive`;
  }
  if (typeof b.volume !== "number" || !Number.isFinite(b.volume) || b.volume < 0) return "volume is not a non-negative number";
  if (b.adjClose !== undefined && !(Number.isFinite(b.adjClose) && b.adjClose > 0)) return "adjusted close is not positive";
  if (b.low > b.high) return "low is above high";
  if (b.open < b.low || b.open > b.high) return "open is outside low..high";
  if (b.close < b.low || b.close > b.high) return "close is outside low..high";
  if (intervalMin !== undefined && b.time.length > 10) {
    if (!inRegularSession(b.time, intervalMin)) return "outside regular trading hours";
    const top = Math.max(b.open, b.close);
    const bottom = Math.min(b.open, b.close);
    if (b.high > top * (1 + MAX_WICK) || b.low < bottom * (1 - MAX_WICK)) return "high..low range is impossible for one bar";
  }
  return null;
}

/**
 * The bars that can be served, in order, and the ones refused. Rows must be valid and strictly ascending by
 * date: a row at or before the previous accepted date (a duplicate or out of order) is refused.
 */
export function validateBars(bars: Bar[], { now = new Date(), intervalMin }: BarCheck = {}): { bars: Bar[]; refused: Refused[] } {
  const ok: Bar[] = [];
  const refused: Refused[] = [];
  for (const b of bars) {
    const problem = barProblem(b, now, { intervalMin });
    const prev = ok[ok.length - 1];
    if (problem) refused.push({ at: String(b.time), reason: problem });
    else if (prev && b.time <= prev.time) refused.push({ at: b.time, reason: b.time === prev.time ? "duplicate date" : "date is before the previous row" });
    else ok.push(b);
  }
  return { bars: ok, refused };
}

/** Why a quote cannot be served, or null. */
export function quoteProblem(q: Quote, now = new Date()): string | null {
  const t = timeProblem(q.time, now);
  if (t) return t;
  if (!Number.isFinite(q.price) || q.price <= 0) return "price is not positive";
  if (!Number.isFinite(q.previousClose) || q.previousClose <= 0) return "previous close is not positive";
  if (![q.change, q.changePercent].every(Number.isFinite)) return "change is not a number";
  return null;
}

/** One line summarising refused rows for logs and /api/status: "3 rows refused (2024-05-01: close is not positive; ...)". */
export function describeRefused(refused: Refused[]): string {
  const shown = refused.slice(0, 3).map((r) => `${r.at}: ${r.reason}`).join("; ");
  return `${refused.length} row${refused.length === 1 ? "" : "s"} refused (${shown}${refused.length > 3 ? "; ..." : ""})`;
}
