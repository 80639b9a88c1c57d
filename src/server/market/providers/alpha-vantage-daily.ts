import "server-only";
// Alpha Vantage daily bars on whatever the key's plan allows. TIME_SERIES_DAILY_ADJUSTED (split-adjusted) and
// outputsize=full are premium: a free key gets a "premium endpoint" / "premium feature" answer for them, remembered
// for a day so the 25-requests-a-day budget is not spent asking again. TIME_SERIES_DAILY is as traded (unadjusted),
// so a split inside it looks like a crash: the bars before a split-sized overnight jump are refused.
import { logger } from "@/lib/logger";
import { onServicesReset } from "@/lib/services";
import { isRecord, num, ProviderError } from "../http";
import type { Bar } from "../types";
import { avQuery, parseAvSeries, seriesKey } from "./alpha-vantage-api";

const PLAN_MEMORY_MS = 24 * 60 * 60_000;
const refusedUntil = new Map<"adjusted" | "full", number>();
onServicesReset(() => refusedUntil.clear());

/** Runs one variant unless the plan refused it recently; null when it is refused (now or before). */
async function variant(which: "adjusted" | "full", params: Record<string, string>): Promise<Record<string, unknown> | null | "refused"> {
  if ((refusedUntil.get(which) ?? 0) > Date.now()) return "refused";
  try {
    return await avQuery(params);
  } catch (err) {
    if (!(err instanceof ProviderError && err.kind === "unsupported")) throw err;
    refusedUntil.set(which, Date.now() + PLAN_MEMORY_MS);
    logger.info("alphavantage plan refuses a daily variant; using the next", { variant: which, reason: err.message });
    return "refused";
  }
}

// compact holds the last 100 sessions: about 140 calendar days, less a margin.
const COMPACT_DAYS = 130;

/** Daily bars; with `from` within compact's reach (a top-up), the compact answer is asked for. */
export async function avDaily(symbol: string, { from }: { from?: string } = {}): Promise<Bar[] | null> {
  const compactEnough = from !== undefined && Date.parse(from) >= Date.now() - COMPACT_DAYS * 86_400_000;
  const size = compactEnough ? "compact" : "full";
  const adjusted = await variant("adjusted", { function: "TIME_SERIES_DAILY_ADJUSTED", symbol, outputsize: size });
  if (adjusted !== "refused") return adjusted ? splitAdjusted(adjusted, parseAvSeries(adjusted, { intraday: false })) : null;
  let body = compactEnough ? "refused" : await variant("full", { function: "TIME_SERIES_DAILY", symbol, outputsize: "full" });
  // compact (the last 100 sessions) is what a free key gets.
  if (body === "refused") body = await avQuery({ function: "TIME_SERIES_DAILY", symbol, outputsize: "compact" });
  if (!body) return null;
  return afterLastSplit(symbol, parseAvSeries(body, { intraday: false }));
}

/**
 * TIME_SERIES_DAILY_ADJUSTED keeps open/high/low/close as traded and gives each day's "8. split coefficient":
 * divides every bar before a split by it (volume multiplied), so the prices are continuous like the shipped set's.
 */
export function splitAdjusted(body: Record<string, unknown>, bars: Bar[]): Bar[] {
  const key = seriesKey(body);
  const series = key && isRecord(body[key]) ? (body[key] as Record<string, unknown>) : {};
  const out = bars.slice();
  let factor = 1;
  for (let i = out.length - 1; i >= 0; i--) {
    const b = out[i]!;
    if (factor !== 1) {
      out[i] = { ...b, open: b.open / factor, high: b.high / factor, low: b.low / factor, close: b.close / factor, volume: Math.round(b.volume * factor) };
    }
    const row = series[b.time];
    const coefficient = isRecord(row) ? num(row["8. split coefficient"]) : undefined;
    if (coefficient && coefficient > 0 && coefficient !== 1) factor *= coefficient;
  }
  return out;
}

// Split ratios seen on US listings (forward; a reverse split is the same jump upwards).
const SPLIT_RATIOS = [1.5, 2, 3, 4, 5, 6, 7, 8, 10, 15, 20, 25, 30, 40, 50];
const RATIO_TOLERANCE = 0.06;

/** The split ratio (e.g. 10, or 0.1 for a 1:10 reverse split) a close-to-next-open move looks like, or null. */
export function splitSizedJump(prevClose: number, open: number): number | null {
  const r = prevClose / open;
  const up = r >= 1 ? r : 1 / r;
  const hit = SPLIT_RATIOS.find((s) => Math.abs(up / s - 1) <= RATIO_TOLERANCE);
  return hit === undefined ? null : r >= 1 ? hit : 1 / hit;
}

/**
 * Unadjusted bars from the last split-sized overnight jump on (all of them when there is none). Adjusting the
 * earlier bars would turn a genuine 50% gap down into a flat line; refusing them keeps every served price true.
 */
export function afterLastSplit(symbol: string, bars: Bar[]): Bar[] {
  for (let i = bars.length - 1; i > 0; i--) {
    const ratio = splitSizedJump(bars[i - 1]!.close, bars[i]!.open);
    if (ratio === null) continue;
    logger.warn("alphavantage unadjusted series has a split-sized jump; earlier bars refused", {
      symbol,
      date: bars[i]!.time,
      ratio: Number(ratio.toFixed(4)),
      refused: i,
    });
    return bars.slice(i);
  }
  return bars;
}
