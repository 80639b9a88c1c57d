// What the portfolio figures read from the market service: each symbol's daily closes (the same bars the
// charts and forecasts use), its price range for checking trades, and the shipped company facts for sectors.
import "server-only";
import { AppError } from "@/lib/errors";
import { getDaily, type ProviderName, shippedSymbols, shippedTickers } from "@/server/market";
import type { CloseSeries } from "./benchmark";
import type { PriceRange } from "./transactions";

export interface DailyCloses extends CloseSeries {
  source: ProviderName;
}

/** Daily closes of a symbol; null when no provider knows it. */
export async function dailyCloses({ symbol }: { symbol: string }): Promise<DailyCloses | null> {
  try {
    const { bars, source } = await getDaily({ symbol });
    const ok = bars.filter((b) => Number.isFinite(b.close) && b.close > 0);
    if (ok.length === 0) return null;
    return { symbol, dates: ok.map((b) => b.time.slice(0, 10)), close: Float64Array.from(ok, (b) => b.close), source };
  } catch (err) {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "bad_request")) return null;
    throw err;
  }
}

/** Closes of several symbols, by symbol (absent when unknown). */
export async function closesOf({ symbols }: { symbols: readonly string[] }): Promise<Map<string, DailyCloses>> {
  const out = new Map<string, DailyCloses>();
  for (const symbol of symbols) {
    const c = await dailyCloses({ symbol });
    if (c) out.set(symbol, c);
  }
  return out;
}

/** First and last daily bar of each symbol; null for a symbol no provider has prices for. */
export async function priceRanges({ symbols }: { symbols: readonly string[] }): Promise<Map<string, PriceRange | null>> {
  const closes = await closesOf({ symbols });
  return new Map(symbols.map((s) => {
    const c = closes.get(s);
    return [s, c ? { first: c.dates[0], last: c.dates[c.dates.length - 1] } : null];
  }));
}

/** Name and GICS sector of the symbols in the shipped company facts. */
export function companyFacts(): Map<string, { name: string; sector: string }> {
  return new Map([...shippedTickers()].map(([symbol, m]) => [symbol, { name: m.name, sector: m.sector }]));
}

/** The benchmark's universe: every symbol of the shipped data set. */
export async function universeCloses(): Promise<DailyCloses[]> {
  return [...(await closesOf({ symbols: shippedSymbols() })).values()];
}
