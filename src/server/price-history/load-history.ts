import "server-only";
// Daily history for training and forecasting: the market service's bars (live provider or the shipped
// set), turned into the engine's cleaned PriceSeries.
import { conflict } from "@/lib/errors";
import { minForecastBars } from "@/server/forecast";
import { cleanSeries, seriesFromBars } from "@/server/forecast/data";
import type { FiledRelease, PriceSeries } from "@/server/forecast/vocabulary";
import { earningsDates, getDaily, type ProviderName } from "@/server/market";
import { logger } from "@/lib/logger";

export interface History {
  series: PriceSeries;
  source: ProviderName;
  /** Date of the last bar: the forecast origin. */
  asOf: string;
}

export async function loadHistory({ symbol }: { symbol: string }): Promise<History> {
  const daily = await getDaily({ symbol });
  const bars = daily.bars.map((b) => ({
    date: b.time.slice(0, 10),
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    adjClose: b.adjClose ?? b.close,
    volume: b.volume,
  }));
  const { series } = cleanSeries(seriesFromBars({ symbol: symbol.toUpperCase(), bars }));
  const filed = await filedReleases(series.symbol);
  // The engine's event-day term reads filed earnings releases where the live data stored some (none: inferred).
  if (filed.length) series.filed = filed;
  return { series, source: daily.source, asOf: series.dates[series.dates.length - 1] };
}

/** The symbol's stored 8-K item 2.02 filings (SEC EDGAR) as the engine's plain data; none when unreadable. */
async function filedReleases(symbol: string): Promise<FiledRelease[]> {
  try {
    return (await earningsDates(symbol)).map((d) => ({ filedAt: d.filedAt }));
  } catch (err) {
    // Forecasts still work on the inferred release days; the artifact records which source it was trained with.
    logger.warn("stored earnings dates unreadable", { symbol, reason: (err as Error).message });
    return [];
  }
}

/**
 * Training starts with a walk-forward backtest, which cannot run on a short history: refusing up front
 * (409) beats queueing a job that is certain to fail, again on every request.
 */
export function assertTrainable({ series }: { series: PriceSeries }): void {
  const n = series.close.length;
  const need = minForecastBars();
  if (n < need) throw conflict(`${series.symbol} has ${n} daily bars; a forecast needs at least ${need}`);
}
