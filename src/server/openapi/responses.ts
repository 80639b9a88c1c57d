// Response shapes of the market, status and account routes, for the OpenAPI document and the contract test.
// Objects are closed (the JSON Schema says additionalProperties: false), so a field a route answers with but
// the document does not list fails the contract test; conformance.ts checks the server's types fit them.
// Request shapes are never repeated here: the document takes them from the route wrapper.
import { z } from "zod";
import { API_KEY_TIERS } from "@/server/auth/schemas";
import { PROVIDER_STATES, RANGES } from "@/server/market/types";

export * from "./responses-predictions";

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const num = z.number().nullable();
const providerName = z.enum(["shipped", "alphavantage", "finnhub", "polygon", "yahoo"]);
const source = providerName.meta({ description: "Which provider served the data" });
export const provenance = {
  source,
  asOf: iso.meta({ description: "Time of the newest data point" }),
  historical: z.boolean().meta({ description: "true for the shipped, as-of-dated data set: never live" }),
  cached: z.boolean().optional().meta({ description: "Served from the cache" }),
  stale: z.boolean().optional().meta({ description: "Every provider failed just now: the last good live answer, as of asOf" }),
  sourceLabel: z.string().optional().meta({ description: 'The source in words, delay included: "Yahoo Finance, 15-min delayed", "historical data set, as of 2024-03-08"' }),
};

export const okSchema = z.object({ ok: z.literal(true) });
export const healthSchema = z.object({ status: z.literal("ok"), uptimeSec: z.number() });

export const stockSchema = z
  .object({
    symbol: z.string(),
    price: z.number(),
    previousClose: z.number(),
    change: z.number(),
    changePercent: z.number(),
    open: z.number().optional(),
    high: z.number().optional(),
    low: z.number().optional(),
    volume: z.number().optional(),
    time: iso,
    history: z.array(z.object({ date: iso, price: z.number() })),
    historySource: providerName.optional().meta({ description: "Set when the history came from another provider than the quote" }),
    ...provenance,
  })
  .meta({ id: "Stock", example: { symbol: "AAPL", price: 170.73, previousClose: 169, change: 1.73, changePercent: 1.02, time: "2024-03-08", history: [{ date: "2024-03-07", price: 169 }], source: "shipped", asOf: "2024-03-08", historical: true } });

const point = z.object({ date: iso, price: z.number().meta({ description: "Close of the bar" }), open: z.number(), high: z.number(), low: z.number(), volume: z.number() });
export const timeseriesSchema = z
  .object({ symbol: z.string(), range: z.enum(RANGES), resolution: z.string().meta({ example: "1day" }), points: z.array(point), ...provenance })
  .meta({ id: "Timeseries" });
export const intradaySchema = z.object({ symbol: z.string(), interval: z.string().meta({ example: "1min" }), points: z.array(point), ...provenance }).meta({ id: "Intraday" });
export const overviewSchema = z
  .object({
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
    statsSource: providerName.optional().meta({ description: "Set when the 52-week range and average volume came from another provider's bars" }),
    marketCapSource: z.literal("sec-edgar").optional().meta({ description: "Set when the market cap is SEC EDGAR's shares outstanding times the live price" }),
    ...provenance,
  })
  .meta({ id: "Overview" });
export const newsSchema = z
  .object({
    articles: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        source: z.string(),
        url: z.string(),
        imageUrl: z.string().nullable(),
        publishedAt: iso,
        summary: z.string(),
        sentiment: num.meta({ description: "-1 (bearish) .. 1 (bullish): the provider's score, else the finance word list's" }),
      }),
    ),
    refreshedAt: iso,
    source: z.enum(["finnhub", "alphavantage", "sec-edgar"]).nullable(),
    reason: z.string().optional().meta({ description: "Why the list is empty, in words for people" }),
    configured: z.boolean().optional().meta({ description: "false when no news provider is set up" }),
  })
  .meta({ id: "News" });
const symbolError = z.object({ symbol: z.string(), error: z.object({ code: z.string(), message: z.string() }) });
export const tickersBatchSchema = z
  .object({
    tickers: z.array(z.object({ symbol: z.string(), name: z.string().nullable(), price: z.number(), change: z.number(), changePercent: z.number(), sparkline: z.array(z.number()), ...provenance })),
    errors: z.array(symbolError).meta({ description: "Symbols that failed, each with its own error; they do not fail the batch" }),
  })
  .meta({ id: "TickersBatch" });
export const tickerSearchSchema = z.object({ results: z.array(z.object({ symbol: z.string(), name: z.string(), exchange: z.string() })) });

const jobResult = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()), z.null()]).meta({ description: "The job's own output: a forecast job holds the Prediction, a training job its per-symbol summary" });
export const jobSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(["queued", "running", "done", "failed", "timeout", "cancelled", "interrupted"]),
    progress: z.number().min(0).max(1),
    message: z.string().nullable(),
    result: jobResult,
    error: z.string().nullable(),
    createdAt: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
  })
  .meta({ id: "Job" });
export const jobLeftSchema = z.object({ id: z.string(), left: z.literal(true) }).meta({ id: "JobLeft" });
export const jobAcceptedSchema = z.object({ job_id: z.string(), status: z.enum(["queued", "running"]), poll: z.string() }).meta({ id: "JobAccepted" });

const role = z.enum(["user", "admin"]);
const user = z.object({ id: z.string(), email: z.string(), username: z.string(), role, createdAt: iso }).meta({ id: "User" });
const tokenFields = {
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_at: iso,
  refresh_token: z.string().meta({ description: "Single use: POST /api/auth/refresh returns the next one. Using one twice revokes every token of that sign-in" }),
  refresh_expires_at: iso,
};
export const tokenSchema = z.object({ user, ...tokenFields }).meta({ id: "Token" });
export const refreshedTokenSchema = z.object(tokenFields).meta({ id: "RefreshedToken" });
const tier = z.enum(API_KEY_TIERS);
const meFields = {
  user: user.nullable(),
  role,
  via: z.enum(["session", "jwt", "api_key", "admin_key"]),
  api_key_id: z.string().optional().meta({ description: "With an API key: its id" }),
  tier: tier.optional().meta({ description: "With an API key: its rate-limit tier" }),
};
export const meSchema = z.object(meFields);
export const verifySchema = z.object({ valid: z.literal(true), ...meFields });
export const logoutSchema = z.object({
  revoked_token: z.boolean(),
  revoked_refresh_token: z.boolean().optional().meta({ description: "With refresh_token in the body: whether it was known (its whole sign-in is revoked)" }),
});
const apiKey = z
  .object({ id: z.string(), name: z.string(), tier, prefix: z.string(), createdAt: iso, lastUsedAt: iso.nullable(), usageCount: z.number().int(), revokedAt: iso.nullable() })
  .meta({ id: "ApiKey" });
export const keyListSchema = z.object({ keys: z.array(apiKey) });
export const createdKeySchema = z.object({ key: z.string().meta({ description: "The full key; shown only in this response" }), apiKey });
export const revokedKeySchema = z.object({ apiKey });
export const accountKeysSchema = z.object({ user, keys: z.array(apiKey) });
export const adminConfigSchema = z.object({
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).meta({ description: "Setting name to effective value; secrets only as \"set\" or \"unset\"" }),
});

const latency = { p50Ms: num, p95Ms: num, p99Ms: num, meanMs: num };
export const performanceSchema = z.object({
  time: iso,
  uptimeSec: z.number(),
  routes: z.array(z.object({ route: z.string(), requests: z.number(), errorRate: z.number(), clientErrorRate: z.number(), ...latency })),
  cache: z.object({ lookups: z.number(), hits: z.number(), hitRate: num }),
  memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number(), heapTotalBytes: z.number(), externalBytes: z.number() }),
  jobs: z.array(z.object({ function: z.string(), count: z.number(), ...latency })),
});

const health = z.object({ status: z.enum(["up", "down", "degraded"]), backend: z.string(), latencyMs: num, detail: z.string().optional() });
export const statusSchema = z
  .object({
    status: z.enum(["up", "degraded", "down"]),
    time: iso,
    components: z.object({ database: health, cache: health, storage: health, queue: health }),
    providers: z.array(
      z.object({
        name: providerName,
        enabled: z.boolean(),
        status: z.enum(["up", "down", "degraded", "disabled"]),
        state: z.enum(PROVIDER_STATES).meta({ description: "ok, limited (until limitedUntil), key_invalid (admins only; others see unavailable), unreachable, not_configured" }),
        limitedUntil: iso.optional(),
        latencyMs: num,
        detail: z.string().optional(),
      }),
    ),
    degradedData: z.array(z.object({ symbol: z.string(), source: providerName, reason: z.string(), since: iso, servingLastValid: z.boolean() })),
    forecasts: z.object({ ready: z.number().int(), total: z.number().int() }).nullable().meta({ description: "Watchlist symbols with trained models; null when the database cannot say" }),
  })
  .meta({ id: "Status" });

/** GET /api/openapi.json answers an OpenAPI 3.1 document, whose own schema is the OpenAPI specification's. */
export const openApiDocumentSchema = z.looseObject({ openapi: z.literal("3.1.0"), info: z.object({ title: z.string(), version: z.string(), description: z.string() }), paths: z.record(z.string(), z.unknown()) });
/** Bodies that next-auth and Inngest define (their own formats, not this app's). */
export const externalJson = z.unknown();
