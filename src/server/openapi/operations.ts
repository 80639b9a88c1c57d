// One entry per API operation: what it is for and what it answers. What it accepts (path, query, body,
// auth, rate limit) is read from the route wrapper itself, so the document cannot drift from validation.
// Each response schema lives in its area's schemas.ts, where the area's types are derived from it.
import { jobLeftSchema, jobAcceptedSchema, jobSchema } from "@/server/jobs";
import { trackRecordSchema } from "@/server/ledger";
import { intradaySchema, newsSchema, overviewSchema, stockSchema, tickerSearchSchema, tickersBatchSchema, timeseriesSchema } from "@/server/market";
import { performanceSchema } from "@/server/operations";
import { crossSectionSchema, historySchema, precomputeSchema, predictionReadSchema, predictionSchema, predictionsListSchema } from "@/server/predictions";
import { recommendationSchema, recommendationsSchema } from "@/server/recommendations";
import { healthSchema, okSchema, statusSchema } from "@/server/status";
import { modelStatusSchema, rollbackSchema, trainingAcceptedSchema } from "@/server/registry";
import { accountOperations } from "./operations-account";
import { csvOr, json, sse, type OperationDoc } from "./operation-doc";
import { externalJson, openApiDocumentSchema } from "./schemas";

export type { OperationDoc, ResponseDoc } from "./operation-doc";

const unknownSymbol = { 404: "Unknown symbol", 503: "No market data provider can answer right now" } as const;

export const operations: Record<string, OperationDoc> = {
  "GET /api/health": { summary: "Liveness only; touches no dependency", tags: ["Status"], responses: { 200: json("Alive", healthSchema) } },
  "GET /api/performance": { summary: "Latency percentiles and error rate per route, cache hit rate, memory, job timings (admin)", tags: ["Status"], responses: { 200: json("Report", performanceSchema) } },
  "GET /api/ping": { summary: "Liveness", tags: ["Status"], responses: { 200: json("Alive", okSchema) } },
  "GET /api/status": { summary: "Health of the database, cache, storage, queue and providers", tags: ["Status"], responses: { 200: json("Up or degraded", statusSchema), 503: json("Down", statusSchema) } },

  "GET /api/stock/{symbol}": { summary: "Quote and about a month of closes", tags: ["Market data"], responses: { 200: json("Quote with source and as-of date", stockSchema) }, errors: unknownSymbol },
  "GET /api/timeseries/{symbol}": { summary: "Chart points for a range at its resolution", tags: ["Market data"], responses: { 200: json("Points", timeseriesSchema) }, errors: { 400: "Bad range", ...unknownSymbol } },
  "GET /api/intraday/{symbol}": { summary: "The latest session's minute bars (daily bars without an intraday provider)", tags: ["Market data"], responses: { 200: json("Bars", intradaySchema) }, errors: unknownSymbol },
  "GET /api/overview/{symbol}": { summary: "Company facts, 52-week range, average volume", tags: ["Market data"], responses: { 200: json("Overview", overviewSchema) }, errors: unknownSymbol },
  "GET /api/news": { summary: "Market or company news with sentiment", tags: ["Market data"], responses: { 200: json("Articles (empty with a reason when no provider is configured)", newsSchema) } },
  "GET /api/tickers/batch": { summary: "Price, change and sparkline for several symbols", tags: ["Market data"], responses: { 200: json("Per symbol", tickersBatchSchema) } },
  "GET /api/tickers/search": { summary: "Symbols whose ticker or name matches", tags: ["Market data"], responses: { 200: json("Matches", tickerSearchSchema) } },

  "GET /api/predictions/{symbol}": {
    summary: "Forecasts of every active model; a symbol never trained gets its calibrated baseline within seconds (never starts a training)",
    description:
      "`stage` says how far the symbol is trained: `baseline` (naive and drift with the calibrated volatility intervals, trained on the first read; counts against no quota), `partial` or `complete`. `training` names the symbol's training job while one is queued or running: poll it; its `result` holds the models trained so far.",
    tags: ["Predictions"],
    responses: { 200: json("Forecasts with calibrated intervals and walk-forward figures", predictionReadSchema) },
    errors: { 404: "Unknown symbol", 409: "History too short to forecast", 503: "Provider unavailable" },
  },
  "POST /api/predictions/{symbol}": {
    summary: "Ask for the full model set: 202 with the training job (joined when one runs already), 200 when every model is trained",
    description: "A new training counts against the per-user training quota (new symbols per rolling hour; 429 with Retry-After when used up, the baseline stays available); joining a running one does not.",
    tags: ["Predictions"],
    responses: { 200: json("Every configured model is trained", predictionSchema), 202: json("Queued or running; poll the job", jobAcceptedSchema) },
    errors: { 404: "Unknown symbol", 409: "History too short to train on", 503: "Queue or provider unavailable" },
  },
  "GET /api/predictions": { summary: "Served forecasts of several symbols; never starts training", tags: ["Predictions"], responses: csvOr(predictionsListSchema, "Forecasts") },
  "POST /api/predictions/batch": { summary: "Up to 25 symbols: each ready, queued or its own error", tags: ["Predictions"], responses: { 200: json("Per symbol", predictionsListSchema) } },
  "GET /api/predictions/{symbol}/history": { summary: "Served forecasts against the actual close, with hit rates", tags: ["Predictions"], responses: csvOr(historySchema, "History"), errors: { 404: "Unknown symbol" } },
  "GET /api/predictions/cross-section": {
    summary: "Each shipped symbol's probability of landing in each quintile of the universe's next-5-session returns (the M6 task), with its measured RPS (public)",
    description:
      "From each symbol's calibrated naive distribution (no change expected, a volatility forecast, its own standardised past weeks, mirrored) and the cross-section of past weeks. Walked forward over the shipped data: the variant is chosen on the development weeks (2020-03 .. 2022-03), the RPS is measured on the weeks after, against the uniform forecast's 0.16, with a 95% block-bootstrap band. `verdict` is `no_edge` unless the band lies wholly below the uniform's score.",
    tags: ["Predictions"],
    responses: { 200: json("Probabilities and the measured score", crossSectionSchema) },
  },
  "GET /api/track-record": {
    summary: "Every served forecast in a hash-chained ledger, scored when its actual close is known (public)",
    description:
      "Each entry is recorded before its target session opens and carries the previous entry's hash: `hash` = SHA-256 (hex) of the canonical JSON of the entry's other fields (`prevHash` included, `score` not): keys sorted, no spaces, numbers and strings as JSON.stringify writes them, dates YYYY-MM-DD, `recordedAt` ISO UTC with milliseconds. Entry 1 follows 64 zeros. Page with `after` = the previous page's `nextAfter` (CSV: the `Link` header); `npm run cli -- verify-ledger --url <site>` checks a site's whole chain. Scores are in % of the origin close; `summary` pools every scored entry the filters match.",
    tags: ["Predictions"],
    responses: csvOr(trackRecordSchema, "A page of the ledger"),
  },
  "GET /api/recommendations": { summary: "Probability up, measured skill and a signal per symbol and horizon", tags: ["Predictions"], responses: csvOr(recommendationsSchema, "Recommendations") },
  "GET /api/recommendations/{symbol}": { summary: "One symbol's recommendation per horizon", tags: ["Predictions"], responses: { 200: json("Recommendation", recommendationSchema) }, errors: { 404: "Unknown symbol or no model" } },
  "GET /api/jobs/{id}": { summary: "Status, progress and result of a background job (its owner or an admin)", tags: ["Jobs"], responses: { 200: json("Job", jobSchema) }, errors: { 404: "Unknown job" } },
  "DELETE /api/jobs/{id}": { summary: "Cancel a queued or running job (whoever started it, or an admin)", tags: ["Jobs"], responses: { 200: json("The cancelled job", jobSchema) }, errors: { 403: "A person who joined the job (POST /api/jobs/{id}/leave instead)", 404: "Unknown job", 409: "Already finished" } },
  "POST /api/jobs/{id}/leave": { summary: "Stop following a shared job someone else started; it goes on for them", tags: ["Jobs"], responses: { 200: json("Left", jobLeftSchema) }, errors: { 404: "Unknown job", 409: "You started it: cancel it instead" } },

  "GET /api/models/{symbol}": { summary: "Each model's readiness, versions and walk-forward metrics", tags: ["Forecast models"], responses: { 200: json("Models", modelStatusSchema) }, errors: { 404: "Unknown symbol" } },
  "POST /api/models/{symbol}/retrain": { summary: "Queue a retrain of the symbol's models (admin)", tags: ["Forecast models"], responses: { 202: json("Queued", trainingAcceptedSchema) }, errors: { 404: "Unknown symbol", 503: "Queue or database unavailable" } },
  "POST /api/models/{symbol}/rollback": { summary: "Put a model back on its previous active version (admin)", tags: ["Forecast models"], responses: { 200: json("Rolled back", rollbackSchema) }, errors: { 404: "No version to roll back to", 409: "Nothing to roll back" } },
  "POST /api/train": { summary: "Queue training for symbols (default: the watchlist) (admin)", tags: ["Forecast models"], responses: { 202: json("Queued", trainingAcceptedSchema) }, errors: { 404: "Unknown symbol", 503: "Queue or database unavailable" } },
  "POST /api/precompute": { summary: "Train where needed and cache forecasts, one job per symbol (admin)", tags: ["Forecast models"], responses: { 202: json("Jobs", precomputeSchema) } },

  ...accountOperations,

  "GET /api/stream/quotes": { summary: "Server-Sent Events: current quotes first, then every change", description: "Each event has an id; heartbeat comments every 15 s. Reconnecting resends the current state.", tags: ["Streams"], responses: { 200: sse("event: quotes") }, errors: unknownSymbol },
  "GET /api/stream/predictions": { summary: "Server-Sent Events: prediction.updated", description: "First event `snapshot`, then `prediction.updated`; resume with Last-Event-ID to receive what was missed.", tags: ["Streams"], responses: { 200: sse("event: snapshot, prediction.updated") } },
  "GET /api/stream/notifications": {
    summary: "Server-Sent Events: the caller's unread count, then each new notification and read mark",
    description: "First event `snapshot` (`{ unread }`), then `notification.created` (`{ notification, unread }`) and `notifications.read` (`{ unread }`); resumable with Last-Event-ID.",
    tags: ["Streams"],
    responses: { 200: sse("event: snapshot, notification.created, notifications.read") },
  },
  "GET /api/stream/alerts": { summary: "Server-Sent Events: the caller's alert.triggered", description: "First event `snapshot` (alerts and recent triggers), then `alert.triggered`; resumable with Last-Event-ID.", tags: ["Streams"], responses: { 200: sse("event: snapshot, alert.triggered") } },

  "GET /api/inngest": { summary: "Inngest function registry (hosted shape only)", tags: ["Jobs"], responses: { 200: json("Inngest's introspection", externalJson) }, errors: { 404: "Inngest not configured" } },
  "POST /api/inngest": { summary: "Inngest invokes a function step (signed by Inngest)", tags: ["Jobs"], responses: { 200: json("Step result", externalJson) }, errors: { 404: "Inngest not configured" } },
  "PUT /api/inngest": { summary: "Inngest syncs this app's functions", tags: ["Jobs"], responses: { 200: json("Synced", externalJson) }, errors: { 404: "Inngest not configured" } },
  "GET /api/openapi.json": { summary: "This document", tags: ["Status"], responses: { 200: json("OpenAPI 3.1", openApiDocumentSchema) } },
};

/** Route folders that are not API operations: the catch-all JSON 404 for unknown paths. */
export const UNDOCUMENTED_ROUTES: Record<string, string> = {
  "/api/{path}": "catch-all: answers 404 with the error body for any unknown /api path",
  "/api/mcp": "MCP (JSON-RPC over Streamable HTTP): its tools are the operations here; described in info and docs/api.md",
};
