// How each market-data source is named to people, delay included, shared by the API (sourceLabel,
// X-Data-Source-Label) and the pages' source badges. Pure: no server imports.
export const SOURCE_NAMES = {
  shipped: "Historical data set",
  alphavantage: "Alpha Vantage",
  finnhub: "Finnhub",
  polygon: "Polygon",
  yahoo: "Yahoo Finance",
  "sec-edgar": "SEC EDGAR filings",
} as const;

export type SourceName = keyof typeof SOURCE_NAMES;

/** Sources whose quotes run behind the market: the badge says "delayed", not "live". */
export const DELAYED_SOURCES: ReadonlySet<string> = new Set(["yahoo"]);

/** The source's name alone ("Yahoo Finance"), for sentences about what it gives. */
export function sourceName(source: string): string {
  return (SOURCE_NAMES as Record<string, string>)[source] ?? source;
}

/** The source's name with its delay ("Yahoo Finance, 15-min delayed"), beside a price. */
export function sourceLabel(source: string): string {
  return DELAYED_SOURCES.has(source) ? `${sourceName(source)}, 15-min delayed` : sourceName(source);
}

/** "Yahoo Finance, 15-min delayed" or "historical data set, as of 2024-03-08": one line for a payload. */
export function provenanceLine({ source, asOf, historical }: { source: string; asOf: string; historical: boolean }): string {
  return historical ? `historical data set, as of ${asOf.slice(0, 10)}` : sourceLabel(source);
}
