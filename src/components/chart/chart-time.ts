// Time handling for the price chart: bars become UTC timestamps; labels follow seed 000
// (HH:MM for 1D, mm/dd for short ranges, mm/dd/yy for YTD and longer) in the exchange's clock.
import type { UTCTimestamp } from "lightweight-charts";
import type { Range, TimeseriesPoint } from "@/server/market/types";

const LONG_RANGES: ReadonlySet<Range> = new Set(["YTD", "1Y", "2Y", "5Y", "10Y"]);
const NY = "America/New_York";

function isIntradayResolution(resolution: string): boolean {
  return /min$/.test(resolution);
}

/** "YYYY-MM-DD" is a trading day (midnight UTC); anything else is an instant. */
export function toUnixSeconds(date: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 1000;
  return Math.floor(new Date(date).getTime() / 1000);
}

function parts(sec: number, intraday: boolean): Record<string, string> {
  const fmt = new Intl.DateTimeFormat("en-US", {
    // Daily bars are dates, so they must not shift a day west of UTC.
    timeZone: intraday ? NY : "UTC",
    year: "2-digit",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(sec * 1000))) out[p.type] = p.value;
  if (out.hour === "24") out.hour = "00";
  return out;
}

/** Label of the crosshair/tooltip. Hourly bars of short ranges also get their time, else two bars share a label. */
export function formatTooltipTime(sec: number, range: Range, resolution: string): string {
  const intraday = isIntradayResolution(resolution);
  const p = parts(sec, intraday);
  if (range === "1D" && intraday) return `${p.hour}:${p.minute}`;
  if (LONG_RANGES.has(range)) return `${p.month}/${p.day}/${p.year}`;
  return intraday ? `${p.month}/${p.day} ${p.hour}:${p.minute}` : `${p.month}/${p.day}`;
}

/** Label of the x-axis ticks: the seed's format per range. */
export function formatAxisTime(sec: number, range: Range, resolution: string): string {
  const intraday = isIntradayResolution(resolution);
  const p = parts(sec, intraday);
  if (range === "1D" && intraday) return `${p.hour}:${p.minute}`;
  if (LONG_RANGES.has(range)) return `${p.month}/${p.day}/${p.year}`;
  return `${p.month}/${p.day}`;
}

const RESOLUTION_LABEL: Record<string, string> = {
  "1min": "1-minute bars",
  "5min": "5-minute bars",
  "60min": "hourly bars",
  "240min": "4-hour bars",
  "1day": "daily bars",
  "2day": "2-day bars",
  "5day": "5-day bars",
  "10day": "10-day bars",
};

const INTRADAY_RANGES: ReadonlySet<Range> = new Set(["1D", "1W", "1M"]);

/** Short ranges served from daily bars say why, so nobody mistakes them for intraday data. */
export function resolutionLabel(resolution: string, range?: Range): string {
  const label = RESOLUTION_LABEL[resolution] ?? resolution;
  if (range && INTRADAY_RANGES.has(range) && !isIntradayResolution(resolution)) return `${label} — no intraday data`;
  return label;
}

export interface ChartBar extends TimeseriesPoint {
  time: UTCTimestamp;
}

/** Providers can repeat or reorder a bar; the chart library requires strictly ascending times. */
export function toChartBars(points: TimeseriesPoint[]): ChartBar[] {
  const byTime = new Map<number, ChartBar>();
  for (const p of points) {
    const t = toUnixSeconds(p.date);
    if (Number.isFinite(t) && Number.isFinite(p.price)) byTime.set(t, { ...p, time: t as UTCTimestamp });
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

