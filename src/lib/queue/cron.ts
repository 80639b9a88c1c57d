// Minimal cron (5 fields: minute hour day-of-month month day-of-week, with *, lists, ranges and steps,
// optional "TZ=Area/City " prefix as in Inngest) for the in-process scheduler.
interface Parsed {
  tz: string;
  fields: Set<number>[];
  domStar: boolean;
  dowStar: boolean;
}
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(text: string, [min, max]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`Invalid cron field "${text}"`);
    const step = m[4] ? Number(m[4]) : 1;
    const lo = m[1] === "*" ? min : Number(m[2]);
    const hi = m[1] === "*" ? max : m[3] !== undefined ? Number(m[3]) : m[4] ? max : lo;
    if (lo < min || hi > max || lo > hi || step < 1) throw new Error(`Cron field "${text}" is out of range ${min}-${max}`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expr: string): Parsed {
  let rest = expr.trim();
  let tz = "UTC";
  const tzMatch = /^(?:TZ|CRON_TZ)=(\S+)\s+(.*)$/.exec(rest);
  if (tzMatch) {
    tz = tzMatch[1];
    rest = tzMatch[2];
    new Intl.DateTimeFormat("en-US", { timeZone: tz }); // throws on an unknown zone
  }
  const parts = rest.split(/\s+/);
  if (parts.length !== 5) throw new Error(`Cron expression needs 5 fields: "${expr}"`);
  const fields = parts.map((p, i) => parseField(p, RANGES[i]));
  if (fields[4].has(7)) fields[4].add(0);
  return { tz, fields, domStar: parts[2] === "*", dowStar: parts[4] === "*" };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(date: Date, tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      minute: "numeric",
      hour: "numeric",
      day: "numeric",
      month: "numeric",
      weekday: "short",
    });
    formatters.set(tz, f);
  }
  const parts = f.formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const dow = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
  return { minute: Number(get("minute")), hour: Number(get("hour")), dom: Number(get("day")), month: Number(get("month")), dow };
}

/** The first matching minute strictly after `after`. */
export function nextCronTime(expr: string, after: Date): Date {
  const { tz, fields, domStar, dowStar } = parseCron(expr);
  const [mins, hours, doms, months, dows] = fields;
  let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
  for (let i = 0; i < 366 * 24 * 60; i++, t += 60_000) {
    const w = wallClock(new Date(t), tz);
    if (!mins.has(w.minute) || !hours.has(w.hour) || !months.has(w.month)) continue;
    // Standard cron: when both day fields are restricted, either may match.
    const dayOk = domStar || dowStar ? doms.has(w.dom) && dows.has(w.dow) : doms.has(w.dom) || dows.has(w.dow);
    if (dayOk) return new Date(t);
  }
  throw new Error(`Cron expression never fires: "${expr}"`);
}
