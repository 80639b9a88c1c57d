// The market data's normalized shapes and the response schemas of the market routes (stock, timeseries,
// intraday, overview, tickers, news): the OpenAPI document renders them and the types (re-exported by
// ./types.ts) are derived from them. Objects are closed in the document: a field a route answers with but
// the schema does not list fails the contract test.
import { z } from "zod";

export const RANGES = ["1D", "1W", "1M", "3M", "6M", "YTD", "1Y", "2Y", "5Y", "10Y"] as const;
/**
 * What a provider can do right now: ok; limited (by the provider's rate limit or this site's free-tier budget) until
 * `limitedUntil`; key invalid (a configuration error, admins only: others see "unavailable"); unreachable (network
 * failures, errors or unusable answers); not configured (no key).
 */
export const PROVIDER_STATES = ["ok", "limited", "key_invalid", "unreachable", "not_configured", "unavailable"] as const;

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const num = z.number().nullable();
export const providerNameSchema = z.enum(["shipped", "alphavantage", "finnhub", "polygon", "yahoo"]);
const source = providerNameSchema.meta({ description: "Which provider served the data" });
/** Where a payload came from and how fresh it is. Every market-data response carries one. */
export const provenance = {
  source,
  asOf: iso.meta({ description: "Time of the newest data point" }),
  historical: z.boolean().meta({ description: "true for the shipped, as-of-dated data set: never live" }),
  cached: z.boolean().optional().meta({ description: "Served from the cache" }),
  stale: z.boolean().optional().meta({ description: "Every provider failed just now: the last good live answer, as of asOf" }),
  sourceLabel: z.string().optional().meta({ description: 'The source in words, delay included: "Yahoo Finance, 15-min delayed", "historical data set, as of 2024-03-08"' }),
};

const quote = { symbol: z.string(), price: z.number(), previousClose: z.number(), change: z.number(), changePercent: z.number(), open: z.number().optional(), high: z.number().optional(), low: z.number().optional(), volume: z.number().optional(), time: iso };
export const stockSchema = z
  .object({
    ...quote,
    history: z.array(z.object({ date: iso, price: z.number() })),
    historySource: providerNameSchema.optional().meta({ description: "Set when the history came from another provider than the quote" }),
    ...provenance,
  })
  .meta({ id: "Stock", example: { symbol: "AAPL", price: 170.73, previousClose: 169, change: 1.73, changePercent: 1.02, time: "2024-03-08", history: [{ date: "2024-03-07", price: 169 }], source: "shipped", asOf: "2024-03-08", historical: true } });

const point = z.object({ date: iso, price: z.number().meta({ description: "Close of the bar" }), open: z.number(), high: z.number(), low: z.number(), volume: z.number() });
export const timeseriesSchema = z
  .object({ symbol: z.string(), range: z.enum(RANGES), resolution: z.string().meta({ example: "1day" }), points: z.array(point), ...provenance })
  .meta({ id: "Timeseries" });
export const intradaySchema = z.object({ symbol: z.string(), interval: z.string().meta({ example: "1min" }), points: z.array(point), ...provenance }).meta({ id: "Intraday" });
const overview = {
  symbol: z.string(),
  name: z.string(),
  sector: z.string().optional(),
  industry: z.string().optional(),
  exchange: z.string().optional(),
  currency: z.string().optional(),
  marketCap: z.number().optional(),
  peRatio: z.number().optional(),
  eps: z.number().optional(),
  dividendYield: z.number().optional(),
  beta: z.number().optional(),
  description: z.string().optional(),
  week52High: z.number().optional(),
  week52Low: z.number().optional(),
  avgVolume: z.number().optional(),
};
export const overviewSchema = z
  .object({
    ...overview,
    statsSource: providerNameSchema.optional().meta({ description: "Set when the 52-week range and average volume came from another provider's bars" }),
    marketCapSource: z.literal("sec-edgar").optional().meta({ description: "Set when the market cap is SEC EDGAR's shares outstanding times the live price" }),
    ...provenance,
  })
  .meta({ id: "Overview" });
const newsArticle = z.object({
  id: z.string(),
  title: z.string(),
  source: z.string(),
  url: z.string(),
  imageUrl: z.string().nullable(),
  publishedAt: iso,
  summary: z.string(),
  sentiment: num.meta({ description: "-1 (bearish) .. 1 (bullish): the provider's score, else the finance word list's" }),
});
export const newsSchema = z
  .object({
    articles: z.array(newsArticle),
    refreshedAt: iso,
    source: z.enum(["finnhub", "alphavantage", "sec-edgar"]).nullable(),
    reason: z.string().optional().meta({ description: "Why the list is empty, in words for people" }),
    configured: z.boolean().optional().meta({ description: "false when no news provider is set up" }),
  })
  .meta({ id: "News" });
const symbolError = z.object({ symbol: z.string(), error: z.object({ code: z.string(), message: z.string() }) });
const tickerSummary = z.object({ symbol: z.string(), name: z.string().nullable(), price: z.number(), change: z.number(), changePercent: z.number(), sparkline: z.array(z.number()), ...provenance });
export const tickersBatchSchema = z
  .object({
    tickers: z.array(tickerSummary),
    errors: z.array(symbolError).meta({ description: "Symbols that failed, each with its own error; they do not fail the batch" }),
  })
  .meta({ id: "TickersBatch" });
const tickerMatch = z.object({ symbol: z.string(), name: z.string(), exchange: z.string() });
export const tickerSearchSchema = z.object({ results: z.array(tickerMatch) });

export const providerHealthSchema = z.object({
  name: providerNameSchema,
  enabled: z.boolean(),
  status: z.enum(["up", "down", "degraded", "disabled"]),
  state: z.enum(PROVIDER_STATES).meta({ description: "ok, limited (until limitedUntil), key_invalid (admins only; others see unavailable), unreachable, not_configured" }),
  limitedUntil: iso.optional(),
  latencyMs: num,
  detail: z.string().optional(),
});

/** Market data refused by validation, per symbol and source (GET /api/status). */
export const degradedDataSchema = z.object({ symbol: z.string(), source: providerNameSchema, reason: z.string(), since: iso, servingLastValid: z.boolean() });

export type ProviderName = z.output<typeof providerNameSchema>;
export type Provenance = z.output<z.ZodObject<typeof provenance>>;
export type Quote = z.output<z.ZodObject<typeof quote>>;
export type Overview = z.output<z.ZodObject<typeof overview>>;
export type NewsArticle = z.output<typeof newsArticle>;
export type StockResponse = z.output<typeof stockSchema>;
export type TimeseriesPoint = z.output<typeof point>;
export type TimeseriesResponse = z.output<typeof timeseriesSchema>;
export type IntradayResponse = z.output<typeof intradaySchema>;
export type OverviewResponse = z.output<typeof overviewSchema>;
export type NewsResponse = z.output<typeof newsSchema>;
export type TickerSummary = z.output<typeof tickerSummary>;
export type TickerMatch = z.output<typeof tickerMatch>;
export type BatchResult = z.output<typeof tickersBatchSchema>;
export type ProviderHealth = z.output<typeof providerHealthSchema>;
export type DegradedData = z.output<typeof degradedDataSchema>;
