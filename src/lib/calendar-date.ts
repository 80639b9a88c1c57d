// A YYYY-MM-DD string naming a real day. Date.parse is not enough: V8 rolls 2026-02-30 over to March 2, and
// Postgres then refuses the string itself ("date/time field value out of range"), a 500 for a typo.
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
