// Cache keys and TTLs (seed 000's scheme). The "av:" keys hold whichever provider served the data;
// the payload's `source` field says which.
export const KEYS = {
  quote: (symbol: string) => `av:quote:${symbol}`,
  daily: (symbol: string) => `av:daily:${symbol}`,
  intraday: (interval: string, symbol: string) => `av:intraday:${interval}:${symbol}`,
  overview: (symbol: string) => `av:overview:${symbol}`,
  timeseries: (range: string, symbol: string) => `ts:${range}:${symbol}`,
  news: (symbol: string | undefined) => `news:${symbol ?? "general"}`,
};

export const TTL = {
  quote: 10 * 60,
  daily: 30 * 60,
  intraday: 60,
  overview: 6 * 60 * 60,
  timeseries: 60,
  news: 12 * 60 * 60,
  /** A shipped-set answer while live providers are configured: kept briefly so live data returns soon. */
  fallback: 60,
} as const;
