// How each market-data source is named to people, delay included, shared by the API (sourceLabel,
// X-Data-Source-Label) and the pages' source badges. Pure: no server imports.
export const SOURCE_LABELS = {
  shipped: "Historical data set",
  alphavantage: "Alpha Vantage",
  finnhub: "Finnhub",
  polygon: "Polygon",
  yahoo: "Yahoo Finance, 15-min delayed",
  "sec-edgar": "SEC EDGAR filings",
} as const;

export type SourceName = keyof typeof SOURCE_LABELS;

/** Sources whose quotes run behind the market: the badge says "delayed", not "live". */
export const DELAYED_SOURCES: ReadonlySet<string> = new Set(["yahoo"]);

export function sourceLabel(source: string): string {
  return (SOURCE_LABELS as Record<string, string>)[source] ?? source;
}

/** "Yahoo Finance, 15-min delayed" or "historical data set, as of 2024-03-08": one line for a payload. */
export function provenanceLine({ source, asOf, historical }: { source: string; asOf: string; historical: boolean }): string {
  return historical ? `historical data set, as of ${asOf.slice(0, 10)}` : sourceLabel(source);
}
