// A synthetic post-split continuation of a real shipped series (data/{SYMBOL}.csv ends 2024-03-08, before
// NVDA's 10:1 split of 2024-06-10 and AVGO's of 2024-07-15): what a split-adjusted provider answers today.
// The overlap is the real shipped tail divided by the ratio; the sessions after it replay the real bars of a
// year earlier, scaled to continue from the last close (weekdays; exchange holidays are not modelled).
import { readFileSync } from "node:fs";
import type { Bar } from "@/server/market/types";

export function shippedCsv(symbol: string): Bar[] {
  const [, ...lines] = readFileSync(`data/${symbol}.csv`, "utf8").trim().split("\n");
  return lines.map((l) => {
    const [time, open, high, low, close, adj, volume] = l.split(",");
    return { time: time!, open: +open!, high: +high!, low: +low!, close: +close!, adjClose: +adj!, volume: +volume! };
  });
}

function nextWeekday(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

const scale = (b: Bar, k: number, volumeK = 1 / k): Bar => ({
  time: b.time,
  open: b.open * k,
  high: b.high * k,
  low: b.low * k,
  close: b.close * k,
  volume: Math.round(b.volume * volumeK),
});

/**
 * The provider's split-adjusted view: the last `overlap` shipped bars / ratio (volumes * ratio), then `extra`
 * weekdays after the shipped end. No adjClose: like Polygon's and Alpha Vantage's daily bars.
 */
export function adjustedContinuation({ symbol, ratio, overlap, extra }: { symbol: string; ratio: number; overlap: number; extra: number }): Bar[] {
  const rows = shippedCsv(symbol);
  const out = rows.slice(-overlap).map((b) => scale(b, 1 / ratio, ratio));
  const year = rows.slice(-(252 + extra + 1), -252);
  let date = rows[rows.length - 1]!.time;
  for (let i = 1; i <= extra; i++) {
    const k = out[out.length - 1]!.close / year[i - 1]!.close;
    date = nextWeekday(date);
    out.push({ ...scale(year[i]!, k, ratio), time: date });
  }
  return out;
}

/** The same sessions as traded: bars before the split date at the old price scale (Alpha Vantage's TIME_SERIES_DAILY). */
export function asTraded(bars: Bar[], { ratio, splitDate }: { ratio: number; splitDate: string }): Bar[] {
  return bars.map((b) => (b.time < splitDate ? scale(b, ratio) : b));
}

/** A Polygon aggregates body for daily bars (stamped at midnight US/Eastern, as Polygon does). */
export function polygonAggs(bars: Bar[]): Record<string, unknown> {
  return {
    status: "OK",
    adjusted: true,
    resultsCount: bars.length,
    results: bars.map((b) => ({ t: Date.parse(`${b.time}T05:00:00Z`), o: b.open, h: b.high, l: b.low, c: b.close, v: b.volume })),
  };
}
