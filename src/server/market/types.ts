// Normalized market-data types shared by every provider and every consumer. The shapes a response carries
// (quotes, overviews, articles, provenance) are derived from their schemas in ./schemas.ts.
import { RANGES, PROVIDER_STATES, type Overview, type ProviderName, type Quote } from "./schemas";

export { symbolSchema } from "@/lib/symbol";
export { RANGES, PROVIDER_STATES };
export type {
  IntradayResponse,
  NewsArticle,
  NewsResponse,
  Overview,
  OverviewResponse,
  Provenance,
  ProviderHealth,
  ProviderName,
  Quote,
  StockResponse,
  TickerSummary,
  TimeseriesPoint,
  TimeseriesResponse,
} from "./schemas";

export type Range = (typeof RANGES)[number];

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

export type ProviderState = (typeof PROVIDER_STATES)[number];
