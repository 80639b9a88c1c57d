// Calendar helpers for models that use calendar time (Prophet-style seasonality).

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for an ISO YYYY-MM-DD date (UTC). */
export function epochDay(date: string): number {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  if (!Number.isFinite(t)) throw new Error(`Bad date "${date}"`);
  return Math.round(t / MS_PER_DAY);
}

export function isoFromEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Epoch days of the next `count` weekdays after `date` (trading days, ignoring holidays). */
export function nextWeekdays(date: string, count: number): number[] {
  const out: number[] = [];
  let day = epochDay(date);
  while (out.length < count) {
    day++;
    // 1970-01-01 was a Thursday: (day + 4) % 7 is 0 on Sunday, 6 on Saturday.
    const dow = (((day + 4) % 7) + 7) % 7;
    if (dow !== 0 && dow !== 6) out.push(day);
  }
  return out;
}
