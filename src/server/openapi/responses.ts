// Response shapes of the routes other modules own, for the OpenAPI document and the contract test. Objects
// are loose (extra fields allowed) so adding a field is not a breaking change; the fields listed are the
// contract. Request shapes are never repeated here: the document takes them from the route wrapper.
import { z } from "zod";

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const source = z.enum(["shipped", "alphavantage", "finnhub", "polygon"]).meta({ description: "Which provider served the data" });
export const provenance = {
  source,
  asOf: iso.meta({ description: "Time of the newest data point" }),
  historical: z.boolean().meta({ description: "true for the shipped, as-of-dated data set: never live" }),
};

export const okSchema = z.looseObject({ ok: z.literal(true) });

export const stockSchema = z
  .looseObject({ symbol: z.string(), price: z.number(), previousClose: z.number(), change: z.number(), changePercent: z.number(), time: iso, history: z.array(z.looseObject({ date: iso, price: z.number() })), ...provenance })
  .meta({ id: "Stock", example: { symbol: "AAPL", price: 170.73, previousClose: 169, change: 1.73, changePercent: 1.02, time: "2024-03-08", history: [{ date: "2024-03-07", price: 169 }], source: "shipped", asOf: "2024-03-08", historical: true } });

const point = z.looseObject({ date: iso, price: z.number() });
export const timeseriesSchema = z.looseObject({ symbol: z.string(), range: z.string(), resolution: z.string(), points: z.array(point), ...provenance }).meta({ id: "Timeseries" });
export const intradaySchema = z.looseObject({ symbol: z.string(), points: z.array(point), ...provenance }).meta({ id: "Intraday" });
export const overviewSchema = z.looseObject({ symbol: z.string(), name: z.string(), ...provenance }).meta({ id: "Overview" });
export const newsSchema = z
  .looseObject({
    articles: z.array(z.looseObject({ title: z.string(), url: z.string(), source: z.string(), publishedAt: iso, sentiment: z.number().nullable().optional() })),
    source: z.string().nullable(),
  })
  .meta({ id: "News" });
export const tickersBatchSchema = z.looseObject({}).catchall(z.unknown()).meta({ description: "Per symbol: price, change and sparkline, or that symbol's own error" });
export const tickerSearchSchema = z.object({ results: z.array(z.looseObject({ symbol: z.string(), name: z.string() })) });

export const jobSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(["queued", "running", "done", "failed", "timeout", "cancelled"]),
    progress: z.number().min(0).max(1),
    message: z.string().nullable(),
    result: z.unknown(),
    error: z.string().nullable(),
    createdAt: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
  })
  .meta({ id: "Job" });
export const jobAcceptedSchema = z.looseObject({ job_id: z.string(), status: z.enum(["queued", "running"]), poll: z.string() }).meta({ id: "JobAccepted" });
export const trainingAcceptedSchema = z.looseObject({ poll: z.string() }).meta({ description: "Queued; poll the job URL for progress" });

const user = z.looseObject({ id: z.string(), email: z.string(), username: z.string(), role: z.enum(["user", "admin"]) });
export const tokenSchema = z.looseObject({ user, access_token: z.string(), token_type: z.literal("bearer"), expires_at: iso }).meta({ id: "Token" });
export const meSchema = z.looseObject({ user: user.nullable(), role: z.enum(["user", "admin"]), via: z.enum(["session", "jwt", "api_key", "admin_key"]) });
export const verifySchema = meSchema.extend({ valid: z.literal(true) });
export const logoutSchema = z.object({ revoked_token: z.boolean() });
const apiKey = z.looseObject({ id: z.string(), name: z.string(), tier: z.enum(["default", "premium", "admin"]), prefix: z.string(), createdAt: iso, lastUsedAt: iso.nullable(), usageCount: z.number(), revokedAt: iso.nullable() });
export const keyListSchema = z.looseObject({ keys: z.array(apiKey) });
export const createdKeySchema = z.looseObject({ key: z.string().meta({ description: "The full key; shown only in this response" }), apiKey });
export const revokedKeySchema = z.looseObject({});

export const predictionSchema = z
  .looseObject({ symbol: z.string(), asOf: iso, source: z.string(), historical: z.boolean(), lastClose: z.number(), generatedAt: iso, models: z.array(z.looseObject({ name: z.string(), version: z.string(), horizons: z.record(z.string(), z.unknown()) })), baseline: z.literal("naive") })
  .meta({ id: "Prediction" });
export const predictionsListSchema = z.looseObject({ predictions: z.array(z.unknown()) });
export const historySchema = z.looseObject({ symbol: z.string(), rows: z.array(z.unknown()) });
export const recommendationsSchema = z.looseObject({ recommendations: z.array(z.unknown()) });
export const recommendationSchema = recommendationsSchema.extend({ recommendation: z.unknown() });
export const modelStatusSchema = z.looseObject({ symbol: z.string() });
export const precomputeSchema = z.looseObject({ jobs: z.array(z.unknown()) });
export const rollbackSchema = z.looseObject({});
export const statusSchema = z.looseObject({ status: z.enum(["up", "degraded", "down"]) }).meta({ id: "Status" });
export const anyJson = z.unknown();
