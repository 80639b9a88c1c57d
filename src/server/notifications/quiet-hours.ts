// Quiet hours: a daily window in the person's own time zone ("22:00" to "07:00" wraps midnight) during which
// email and webhook deliveries of fired alerts are held, not dropped: they go out when the window ends. The
// in-app entry is made at once (it makes no noise; the bell shows it the next time they look). Pure arithmetic.

export interface QuietHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
  timeZone: string;
}

const MINUTES_PER_DAY = 24 * 60;

export { toClock, toMinutes } from "@/lib/clock";

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Minutes after local midnight of `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}

/**
 * When deliveries of something that happens at `now` may go out: null when `now` is outside the quiet hours,
 * else the end of the window (to the minute). A clock change inside the window can move the end by its hour.
 */
export function heldUntil({ quiet, now }: { quiet: QuietHours | null; now: Date }): Date | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const m = localMinutes(now, quiet.timeZone);
  const inside = quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
  if (!inside) return null;
  const wait = (quiet.end - m + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const minuteStart = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(minuteStart + wait * 60_000);
}
