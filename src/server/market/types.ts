// Normalized market-data types shared by every provider and every consumer.

export { symbolSchema } from "@/lib/symbol";

export const RANGES = ["1D", "1W", "1M", "3M", "6M", "YTD", "1Y", "2Y", "5Y", "10Y"] as const;
export type Range = (typeof RANGES)[number];

export type ProviderName = "shipped" | "alphavantage" | "finnhub" | "polygon" | "yahoo";

/** Where a payload came from and how fresh it is. Every market-data response carries one. */
export interface Provenance {
  source: ProviderName;
  /** ISO timestamp (or date) of the newest data point in the payload. */
  asOf: string;
  /** true for the shipped historical set: it is never live. */
  historical: boolean;
  cached?: boolean;
  /** The source in words, delay included ("Yahoo Finance, 15-min delayed"); added as responses are sent. */
  sourceLabel?: string;
  /** Every provider failed just now: this is the last good live answer, as of `asOf`. */
  stale?: boolean;
}

export interface Bar {
  /** ISO date "YYYY-MM-DD" for daily bars, ISO timestamp for intraday bars. */
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Split- and dividend-adjusted close where the provider has it; use for returns. */
  adjClose?: number;
  volume: number;
}

export interface Quote {
  symbol: string;
  price: number;
  previousClose: number;
  change: number;
  changePercent: number;
  open?: number;
  high?: number;
  low?: number;
  volume?: number;
  /** Time of the price. */
  time: string;
}

export interface Overview {
  symbol: string;
  name: string;
  sector?: string;
  industry?: string;
  exchange?: string;
  currency?: string;
  marketCap?: number;
  peRatio?: number;
  eps?: number;
  dividendYield?: number;
  beta?: number;
  description?: string;
  week52High?: number;
  week52Low?: number;
  avgVolume?: number;
}

export interface NewsArticle {
  id: string;
  title: string;
  source: string;
  url: string;
  imageUrl: string | null;
  publishedAt: string;
  summary: string;
  /** -1 (bearish) .. 1 (bullish). */
  sentiment: number | null;
}

/** One provider's capabilities. A method returns null when the provider does not have the symbol. */
export interface MarketProvider {
  name: ProviderName;
  /** Whether it is configured (has its key / data folder). */
  enabled(): boolean;
  quote(symbol: string): Promise<Quote | null>;
  /**
   * Daily bars, oldest first. `from` ("YYYY-MM-DD") asks for the bars from that date on (a bar-store top-up):
   * a provider may return more (its cheapest window that covers it), never less when it has them.
   */
  daily(symbol: string, opts?: { from?: string }): Promise<Bar[] | null>;
  /** Intraday bars at the given minute interval (1, 60, 240) for roughly the last `days` days. */
  intraday(symbol: string, opts: { intervalMin: number; days: number }): Promise<Bar[] | null>;
  overview(symbol: string): Promise<Overview | null>;
}

// ---- Service responses (what server/market/index.ts returns and the REST API serves) ----

/** GET /api/stock/{symbol}: quote plus ~1 month of daily closes for a quick chart. */
export interface StockResponse extends Quote, Provenance {
  history: { date: string; price: number }[];
  /** Set when the history came from a different provider than the quote (e.g. the shipped set). */
  historySource?: ProviderName;
}

export interface TimeseriesPoint {
  /** "YYYY-MM-DD" for daily-or-coarser ranges, ISO timestamp for intraday resolutions. */
  date: string;
  /** Close of the bar (what area charts draw). */
  price: number;
  open: number;
  high: number;
  low: number;
  volume: number;
}

/** GET /api/timeseries/{symbol}?range= */
export interface TimeseriesResponse extends Provenance {
  symbol: string;
  range: Range;
  /** "1min" | "60min" | "240min" | "1day" | "2day" | "5day" | "10day" */
  resolution: string;
  points: TimeseriesPoint[];
}

/** GET /api/intraday/{symbol} */
export interface IntradayResponse extends Provenance {
  symbol: string;
  interval: string;
  points: TimeseriesPoint[];
}

/** GET /api/overview/{symbol} */
export interface OverviewResponse extends Overview, Provenance {
  /** Set when 52-week range / average volume were computed from another provider's bars. */
  statsSource?: ProviderName;
  /** Set when the market cap is SEC EDGAR's shares outstanding times the live price. */
  marketCapSource?: "sec-edgar";
}

/** GET /api/news[?symbol=] */
export interface NewsResponse {
  articles: NewsArticle[];
  refreshedAt: string;
  source: "finnhub" | "alphavantage" | "sec-edgar" | null;
  /** Why the list is empty, in words for people (no setting names). */
  reason?: string;
  /** false when no news provider is set up at all (the pages then explain what news needs). */
  configured?: boolean;
}

/** One row of GET /api/tickers/batch?symbols= and of the home page's market overview. */
export interface TickerSummary extends Provenance {
  symbol: string;
  name: string | null;
  price: number;
  change: number;
  changePercent: number;
  /** Last ~30 daily closes for a sparkline. */
  sparkline: number[];
}

/**
 * What a provider can do right now: ok; limited (by the provider's rate limit or this site's free-tier budget) until
 * `limitedUntil`; key invalid (a configuration error, admins only: others see "unavailable"); unreachable (network
 * failures, errors or unusable answers); not configured (no key).
 */
export const PROVIDER_STATES = ["ok", "limited", "key_invalid", "unreachable", "not_configured", "unavailable"] as const;
export type ProviderState = (typeof PROVIDER_STATES)[number];

export interface ProviderHealth {
  name: ProviderName;
  enabled: boolean;
  status: "up" | "down" | "degraded" | "disabled";
  state: ProviderState;
  /** ISO time until which the provider is limited (state "limited"). */
  limitedUntil?: string;
  latencyMs: number | null;
  detail?: string;
}
