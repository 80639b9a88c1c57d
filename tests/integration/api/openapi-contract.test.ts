// The OpenAPI contract: every route under src/app/api (walked on disk, so a new route without a document
// entry fails here) is in the document, and a real response of every documented operation validates
// against the document's own JSON Schema for that status and content type.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as openapiRoute from "@/app/api/openapi.json/route";
import { routeModules } from "@/app/api/openapi.json/route-modules";
import { METHODS, undocumentedOperations } from "@/server/openapi/document";
import { operations, UNDOCUMENTED_ROUTES } from "@/server/openapi/operations";
import { setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { registerUser } from "../support/push-test-env";
import { loadDocument, resolveRefs, webhookBodySchema, type OpenApiDoc } from "../../support/openapi-doc";
import { bus } from "@/lib/events";
import { topics } from "@/server/events/publish";
import { appendToLedger } from "@/server/ledger/append";
import { scoreLedger } from "@/server/ledger/score";

const ADMIN_KEY = "admin-key-for-contract-tests-0123456789";

function routeFolders(dir = "src/app/api"): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...routeFolders(p));
    else if (name === "route.ts") out.push("/" + relative("src/app", dir).split("\\").join("/"));
  }
  return out;
}
const toOpenApiPath = (folder: string) => folder.replace(/\[\.\.\.(\w+)\]/g, "{$1}").replace(/\[(\w+)\]/g, "{$1}");
const exportedMethods = (file: string) => METHODS.filter((m) => new RegExp(`export const ${m}\\b|as ${m}\\b`).test(readFileSync(file, "utf8")));

let env: AuthTestEnv;
let doc: OpenApiDoc;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", ADMIN_API_KEY: ADMIN_KEY, WEBHOOK_ALLOW_PRIVATE_TARGETS: "1", FORECAST_MODELS: "naive,drift", JOB_CONCURRENCY: "1" } });
  doc = await loadDocument();
});
afterAll(async () => env?.teardown());

describe("the document covers every route", () => {
  it("lists every route folder under src/app/api (the catch-all aside) and every method each exports", () => {
    const folders = routeFolders().map(toOpenApiPath).sort();
    const known = [...routeModules.map((r) => r.path), "/api/openapi.json", ...Object.keys(UNDOCUMENTED_ROUTES)].sort();
    expect(folders).toEqual(known);
    expect(undocumentedOperations(routeModules)).toEqual([]);
    for (const folder of routeFolders()) {
      const path = toOpenApiPath(folder);
      if (UNDOCUMENTED_ROUTES[path]) continue;
      for (const m of exportedMethods(join("src/app", folder, "route.ts"))) {
        expect(doc.paths[path]?.[m.toLowerCase()], `${m} ${path}`).toBeDefined();
      }
    }
    // ...and nothing in the document that no route serves.
    const served = new Set(routeModules.flatMap((r) => METHODS.filter((m) => typeof r.module[m] === "function").map((m) => `${m} ${r.path}`)));
    served.add("GET /api/openapi.json");
    expect(Object.keys(operations).filter((k) => !served.has(k))).toEqual([]);
  });

  it("is OpenAPI 3.1 with the bearer JWT and X-API-Key schemes, the error body, rate-limit headers, examples and webhooks", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "apiKey", in: "header", name: "X-API-Key" });
    expect(doc.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
    const stock = doc.paths["/api/stock/{symbol}"].get;
    expect(Object.keys(stock.responses.default ?? stock.responses["200"].headers)).toEqual(["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]);
    expect(stock.responses["429"].headers["Retry-After"]).toBeDefined();
    expect(stock.parameters).toEqual([expect.objectContaining({ in: "path", name: "symbol", required: true })]);
    expect(doc.paths["/api/webhooks"].post.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }, { sessionCookie: [] }]);
    expect(doc.paths["/api/webhooks"].post.requestBody.content["application/json"].schema.required).toEqual(["url", "events"]);
    expect(JSON.stringify(doc)).toContain('"example"');
    expect(Object.keys(doc.webhooks).sort()).toEqual(["alert.triggered", "job.failed", "model.promoted", "prediction.updated", "webhook.test"]);
  });
});

// JSON Schema of one response, with the document's component references resolved.
function responseSchema(op: any, status: number, contentType: string): unknown {
  const r = op.responses[String(status)];
  if (!r) throw new Error(`status ${status} is not documented`);
  return resolveRefs(doc, r.content?.[contentType]?.schema ?? {});
}

type Handler = (req: NextRequest, ctx: unknown) => Promise<Response>;

/** Asks for a symbol's forecast and waits for the job that trains and serves it; returns the job id. */
async function trainedForecast({ symbol, authorization, byPath }: { symbol: string; authorization: string; byPath: Map<string, Record<string, unknown>> }): Promise<string> {
  const headers = { authorization, "x-forwarded-for": "10.78.0.1" };
  const ask = byPath.get("/api/predictions/{symbol}")!.POST as Handler;
  const first = await ask(new NextRequest(`http://localhost:3000/api/predictions/${symbol}`, { method: "POST", headers }), { params: Promise.resolve({ symbol }) });
  expect(first.status).toBe(202);
  const { job_id: jobId } = (await first.json()) as { job_id: string };
  const poll = byPath.get("/api/jobs/{id}")!.GET as Handler;
  // One poll a second stays under the user's per-minute request limit however long the training takes.
  for (let i = 0; i < 300; i++) {
    const job = (await (await poll(new NextRequest(`http://localhost:3000/api/jobs/${jobId}`, { headers }), { params: Promise.resolve({ id: jobId }) })).json()) as { status: string; error: string | null };
    if (job.status === "done") return jobId;
    if (!["queued", "running"].includes(job.status)) throw new Error(`the ${symbol} forecast job ended ${job.status}: ${job.error}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the ${symbol} forecast job did not finish in 300 s`);
}

// "registered": the account the register sample created (its password changes, then it is deleted).
type Sample = { params?: Record<string, string>; query?: string; body?: unknown; auth?: "user" | "admin" | "registered" };
const samples: Record<string, Sample> = {
  "GET /api/ping": {},
  "GET /api/health": {},
  "GET /api/performance": { auth: "admin" },
  "GET /api/status": {},
  "GET /api/openapi.json": {},
  "GET /api/stock/{symbol}": { params: { symbol: "AAPL" } },
  "GET /api/timeseries/{symbol}": { params: { symbol: "AAPL" }, query: "range=1M" },
  "GET /api/intraday/{symbol}": { params: { symbol: "MSFT" } },
  "GET /api/overview/{symbol}": { params: { symbol: "AAPL" } },
  "GET /api/news": { query: "symbol=AAPL" },
  "GET /api/tickers/batch": { query: "symbols=AAPL,MSFT,ZZZZZZ" },
  "GET /api/tickers/search": { query: "q=app" },
  "GET /api/predictions/{symbol}": { params: { symbol: "AAPL" }, auth: "user" },
  "POST /api/predictions/{symbol}": { params: { symbol: "AAPL" }, auth: "user" },
  "GET /api/predictions": { query: "symbols=AAPL", auth: "user" },
  "POST /api/predictions/batch": { body: { symbols: ["AAPL"] }, auth: "user" },
  "GET /api/predictions/{symbol}/history": { params: { symbol: "AAPL" }, auth: "user" },
  "GET /api/recommendations": { query: "symbols=AAPL", auth: "user" },
  "GET /api/track-record": { query: "symbol=AAPL&limit=5" },
  "GET /api/predictions/cross-section": {},
  "GET /api/recommendations/{symbol}": { params: { symbol: "AAPL" }, auth: "user" },
  "GET /api/jobs/{id}": { params: { id: "job" }, auth: "user" },
  "POST /api/jobs/{id}/leave": { params: { id: "job" }, auth: "user" },
  "DELETE /api/jobs/{id}": { params: { id: "job" }, auth: "user" },
  "GET /api/models/{symbol}": { params: { symbol: "AAPL" } },
  "POST /api/models/{symbol}/retrain": { params: { symbol: "AAPL" }, body: {}, auth: "admin" },
  "POST /api/models/{symbol}/rollback": { params: { symbol: "AAPL" }, body: { model: "naive" }, auth: "admin" },
  "POST /api/train": { body: { symbols: ["AAPL"] }, auth: "admin" },
  "POST /api/precompute": { query: "symbols=AAPL", auth: "admin" },
  "POST /api/auth/register": { body: "register" },
  "POST /api/auth/login": { body: "login" },
  "GET /api/auth/me": { auth: "user" },
  "GET /api/auth/verify": { auth: "user" },
  "GET /api/auth/me/export": { auth: "user" },
  "POST /api/auth/refresh": { body: "refresh" },
  "POST /api/auth/password": { body: "change-password", auth: "registered" },
  "POST /api/auth/password/reset": { body: { email: "nobody-at-all@example.com" } },
  "POST /api/auth/password/reset/confirm": { body: { token: "x".repeat(43), newPassword: "granite-harbor-votes-8" } },
  "POST /api/auth/email": { body: "new-email", auth: "registered" },
  "POST /api/auth/email/confirm": { body: { token: "y".repeat(43) } },
  "GET /api/keys": { auth: "user" },
  "POST /api/keys": { body: { name: "contract" }, auth: "user" },
  "DELETE /api/keys/{id}": { params: { id: "key" }, auth: "user" },
  "GET /api/admin/config": { auth: "admin" },
  "GET /api/admin/keys": { query: "login=nobody-here", auth: "admin" },
  "PATCH /api/admin/keys/{id}": { params: { id: "c".repeat(25) }, body: { tier: "premium" }, auth: "admin" },
  "POST /api/watchlists": { body: { name: "Contract", symbols: ["aapl", "MSFT"] }, auth: "user" },
  "GET /api/watchlists": { auth: "user" },
  "GET /api/watchlists/{id}": { params: { id: "watchlist" }, auth: "user" },
  "PATCH /api/watchlists/{id}": { params: { id: "watchlist" }, body: { symbols: ["MSFT", "AAPL", "NVDA"] }, auth: "user" },
  "DELETE /api/watchlists/{id}": { params: { id: "watchlist" }, auth: "user" },
  "POST /api/portfolios": { body: { name: "Contract", transactions: [{ date: "2023-01-03", symbol: "aapl", quantity: 10, price: 125.07, fees: 1 }] }, auth: "user" },
  "GET /api/portfolios": { auth: "user" },
  "POST /api/portfolios/{id}/import": { params: { id: "portfolio" }, body: "portfolio-csv", auth: "user" },
  "GET /api/portfolios/{id}": { params: { id: "portfolio" }, auth: "user" },
  "PATCH /api/portfolios/{id}": { params: { id: "portfolio" }, body: { name: "Contract renamed" }, auth: "user" },
  "GET /api/portfolios/{id}/risk": { params: { id: "portfolio" }, auth: "user" },
  "DELETE /api/portfolios/{id}": { params: { id: "portfolio" }, auth: "user" },
  "GET /api/webhooks": { auth: "user" },
  "POST /api/webhooks": { body: "webhook", auth: "user" },
  "GET /api/webhooks/{id}": { params: { id: "webhook" }, auth: "user" },
  "PATCH /api/webhooks/{id}": { params: { id: "webhook" }, body: { events: ["model.promoted"] }, auth: "user" },
  "POST /api/webhooks/{id}/test": { params: { id: "webhook" }, auth: "user" },
  "GET /api/webhooks/{id}/deliveries": { params: { id: "webhook" }, auth: "user" },
  "DELETE /api/webhooks/{id}": { params: { id: "webhook" }, auth: "user" },
  "GET /api/alerts": { auth: "user" },
  "POST /api/alerts": { body: { symbol: "AAPL", type: "above", price: 200 }, auth: "user" },
  "PATCH /api/alerts/{id}": { params: { id: "alert" }, body: { channels: ["in_app", "email"] }, auth: "user" },
  "DELETE /api/alerts/{id}": { params: { id: "alert" }, auth: "user" },
  "GET /api/notifications": { query: "unread=true&limit=5", auth: "user" },
  "POST /api/notifications/read": { body: { all: true }, auth: "user" },
  "GET /api/notifications/settings": { auth: "user" },
  "PUT /api/notifications/settings": { body: { quietHours: { start: "22:00", end: "07:00", timeZone: "Europe/Berlin" } }, auth: "user" },
  "GET /api/stream/notifications": { auth: "user" },
  "POST /api/admin/refresh": { auth: "admin" },
  "GET /api/stream/quotes": { query: "symbols=AAPL" },
  "GET /api/stream/predictions": { auth: "user" },
  "GET /api/stream/alerts": { auth: "user" },
  "GET /api/inngest": {},
  "POST /api/inngest": {},
  "PUT /api/inngest": {},
  "DELETE /api/auth/me": { body: "own-password", auth: "registered" },
  // Last: it revokes the token the others use.
  "POST /api/auth/logout": { auth: "user" },
};

const EXPECTED_ERRORS = [
  "GET /api/admin/keys 404", // no such account
  "GET /api/inngest 404", // Inngest is not configured on the embedded default
  "PATCH /api/admin/keys/{id} 404", // no such key
  "POST /api/auth/email/confirm 400", // a well-formed link token that was never issued
  "POST /api/auth/password/reset/confirm 400", // likewise
  "POST /api/inngest 404",
  "POST /api/jobs/{id}/leave 409", // the sample user started the job: they cancel it, they do not leave it
  "POST /api/models/{symbol}/rollback 409", // trained once: no earlier version to go back to
  "PUT /api/inngest 404",
];

describe("real responses validate against the document", () => {
  it("has a sample request for every documented operation that the app serves itself", () => {
    const documented = Object.entries(operations).filter(([, o]) => !o.external).map(([k]) => k).sort();
    expect(Object.keys(samples).sort()).toEqual(documented);
  });

  it("every operation's real response matches its documented status, content type and schema", async () => {
    const u = await registerUser("contract");
    const made: Record<string, string> = {};
    const byPath = new Map([...routeModules, { path: "/api/openapi.json", module: openapiRoute as Record<string, unknown> }].map((r) => [r.path, r.module]));
    // AAPL is trained first (naive and drift, seconds), so the prediction, history, recommendation and model
    // routes answer their full shapes rather than only "untrained".
    made.job = await trainedForecast({ symbol: "AAPL", authorization: u.auth.authorization, byPath });
    // The track record's full shape: one forecast recorded the evening before its target session, then scored.
    const q = [162.1, 164.9, 166.4, 169, 171.6, 173.2, 176.2];
    await appendToLedger({
      now: new Date("2024-03-07T23:10:00Z"),
      inputs: [{ symbol: "AAPL", model: "naive", version: "v1-contract", horizon: 1, originDate: "2024-03-07", targetDate: "2024-03-08", originClose: 169, price: 169, lower80: q[2], upper80: q[4], lower95: q[1], upper95: q[5], lower99: q[0], upper99: q[6], quantiles: q, source: "shipped" }],
    });
    expect((await scoreLedger({ now: new Date("2024-03-09T00:00:00Z") })).scored).toBe(1);
    const checked: string[] = [];
    const failures: string[] = [];
    for (const [key, s] of Object.entries(samples)) {
      const [method, path] = key.split(" ");
      const name = `contract_${Date.now()}_${checked.length}`;
      let body = s.body;
      if (body === "register") body = { email: `${name}@example.com`, username: name, password: `violet-kettle-${name.length}-99` };
      if (body === "login") body = { login: `${made.registered}`, password: `violet-kettle-${made.registered.length}-99` };
      if (body === "webhook") body = { url: "http://127.0.0.1:9/hook", events: ["prediction.updated"] };
      if (body === "refresh") body = { refresh_token: made.refresh };
      if (body === "change-password") body = { currentPassword: made.password, newPassword: "granite-harbor-votes-7" };
      if (body === "new-email") body = { newEmail: `${made.registered}_new@example.com`, password: made.password };
      if (body === "own-password") body = { password: made.password };
      if (key === "POST /api/auth/register") {
        made.registered = name;
        made.password = `violet-kettle-${name.length}-99`;
      }
      const params = Object.fromEntries(Object.entries(s.params ?? {}).map(([k, v]) => [k, made[v] ?? v]));
      const url = `http://localhost:3000${path.replace(/\{(\w+)\}/g, (_, p: string) => params[p])}${s.query ? `?${s.query}` : ""}`;
      const headers: Record<string, string> = { "x-forwarded-for": `10.77.0.${checked.length + 1}` };
      if (s.auth === "user") headers.authorization = u.auth.authorization;
      if (s.auth === "admin") headers["x-api-key"] = ADMIN_KEY;
      if (s.auth === "registered") headers.authorization = `Bearer ${made.token}`;
      // The import takes the CSV file itself, as documented (text/csv).
      const csv = body === "portfolio-csv" ? "date,symbol,quantity,price,fees\n2023-02-01,MSFT,4,247.81,1\n2023-06-01,AAPL,-4,180.09,1\n" : undefined;
      if (body !== undefined) headers["content-type"] = csv ? "text/csv" : "application/json";
      const abort = new AbortController();
      const handler = byPath.get(path)![method] as (req: NextRequest, ctx: unknown) => Promise<Response>;
      const res = await handler(new NextRequest(url, { method, headers, body: body === undefined ? undefined : (csv ?? JSON.stringify(body)), signal: abort.signal }), { params: Promise.resolve(params) });
      const op = doc.paths[path][method.toLowerCase()];
      const contentType = (res.headers.get("content-type") ?? "").split(";")[0];
      if (!op.responses[String(res.status)]) {
        failures.push(`${key} answered ${res.status}, which the document does not list: ${(await res.text()).slice(0, 200)}`);
        continue;
      }
      if (!Object.keys(op.responses[String(res.status)].content ?? { [contentType]: 1 }).includes(contentType)) {
        failures.push(`${key} ${res.status} answered ${contentType}`);
        continue;
      }
      if (contentType === "text/event-stream") {
        const reader = res.body!.getReader();
        const first = new TextDecoder().decode((await reader.read()).value);
        expect(first).toMatch(/^retry: \d+/);
        abort.abort();
        await reader.cancel();
      } else {
        const json = await res.json();
        const schema = z.fromJSONSchema(responseSchema(op, res.status, contentType) as never);
        const parsed = schema.safeParse(json);
        if (!parsed.success) failures.push(`${key} ${res.status}: ${JSON.stringify(parsed.error.issues.slice(0, 3))}\n${JSON.stringify(json).slice(0, 300)}`);
        if (key === "POST /api/keys") made.key = json.apiKey?.id;
        if (key === "POST /api/auth/register") Object.assign(made, { token: json.access_token, refresh: json.refresh_token });
        if (key === "POST /api/auth/password") Object.assign(made, { token: json.access_token, password: "granite-harbor-votes-7" });
        if (key === "POST /api/webhooks") made.webhook = json.id;
        if (key === "POST /api/watchlists") made.watchlist = json.id;
        if (key === "POST /api/portfolios") made.portfolio = json.id;
        if (key === "POST /api/portfolios/{id}/import") expect(json.portfolio.holdings.map((h: { symbol: string; quantity: number }) => [h.symbol, h.quantity])).toEqual([["MSFT", 4], ["AAPL", 6]]);
        if (key === "GET /api/portfolios/{id}/risk") expect(json.horizons.map((h: { levels: unknown[] }) => h.levels.length)).toEqual([2, 2]);
        if (key === "POST /api/alerts") made.alert = json.id;
        if (key === "GET /api/predictions/{symbol}") expect(json.models.map((m: { name: string }) => m.name).sort()).toEqual(["drift", "naive"]);
        if (key === "GET /api/predictions/{symbol}/history") expect(json.rows.length).toBeGreaterThan(0);
        if (key === "GET /api/recommendations/{symbol}") expect(json.recommendation).toMatchObject({ symbol: "AAPL", status: "ready", model: "drift" });
        if (key === "GET /api/models/{symbol}") expect(json.active.length).toBe(2);
        if (key === "GET /api/track-record") expect(json.entries[0].score).toMatchObject({ actualDate: "2024-03-08", inside95: true });
      }
      checked.push(`${key} ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toHaveLength(Object.keys(samples).length);
    // The samples exercise success paths; these are the documented non-2xx answers they get on purpose.
    // (Cancelling the sample job answers 200 while it runs and 409 once it finished: both are documented.)
    expect(checked.filter((c) => !/ 2\d\d$/.test(c) && c !== "DELETE /api/jobs/{id} 409").sort()).toEqual(EXPECTED_ERRORS);
  }, 600_000);

  it("operations documented with text/csv answer it, with a header row, when asked", async () => {
    const u = await registerUser("contract_csv");
    const csvOps = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.responses?.["200"]?.content?.["text/csv"]).map(([m]) => `${m.toUpperCase()} ${path}`));
    expect(csvOps.sort()).toEqual(["GET /api/predictions", "GET /api/predictions/{symbol}/history", "GET /api/recommendations", "GET /api/track-record"]);
    const byPath = new Map(routeModules.map((r) => [r.path, r.module]));
    for (const key of csvOps) {
      const [method, path] = key.split(" ");
      const url = `http://localhost:3000${path.replace("{symbol}", "AAPL")}?symbols=AAPL`;
      const res = await (byPath.get(path)![method] as Handler)(new NextRequest(url, { headers: { authorization: u.auth.authorization, accept: "text/csv", "x-forwarded-for": "10.79.0.1" } }), { params: Promise.resolve({ symbol: "AAPL" }) });
      expect(res.status, key).toBe(200);
      expect(res.headers.get("content-type"), key).toMatch(/^text\/csv/);
      const [header, ...rows] = (await res.text()).trim().split(/\r?\n/);
      expect(header, key).toMatch(/^[a-z_0-9]+(,[a-z_0-9]+)+$/);
      expect(rows.length, key).toBeGreaterThan(0);
    }
  });

  it("the events the work above published validate against the document's webhook bodies", async () => {
    // Training and serving AAPL (first test) promoted its models and stored a forecast.
    const checked: string[] = [];
    for (const [topic, type] of [[topics.predictions, "prediction.updated"], [topics.models, "model.promoted"]] as const) {
      const events = (await bus.since({ topic, afterId: "0-0" })).filter((e) => e.type === type);
      expect(events.length, type).toBeGreaterThan(0);
      const schema = webhookBodySchema(doc, type);
      for (const e of events) {
        const parsed = schema.safeParse(e.data);
        expect(parsed.success, `${type}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`).toBe(true);
        checked.push(type);
      }
      expect(schema.safeParse({ ...(events[0].data as object), undocumented: true }).success).toBe(false);
    }
    expect(new Set(checked)).toEqual(new Set(["prediction.updated", "model.promoted"]));
  });

  it("the validator is not vacuous: a wrong body fails the documented schema", () => {
    const op = doc.paths["/api/webhooks/{id}"].get;
    const schema = z.fromJSONSchema(responseSchema(op, 200, "application/json") as never);
    expect(schema.safeParse({ id: "x", url: "u", events: ["nope"], enabled: true, disabledReason: null, consecutiveFailures: 0, createdAt: "2024-01-01T00:00:00Z", updatedAt: "2024-01-01T00:00:00Z" }).success).toBe(false);
    expect(z.fromJSONSchema(responseSchema(doc.paths["/api/ping"].get, 429, "application/json") as never).safeParse({ error: { code: "teapot", message: "x" } }).success).toBe(false);
    // Objects are closed: a field the document does not list fails, so the document cannot fall behind a route.
    const stock = z.fromJSONSchema(responseSchema(doc.paths["/api/stock/{symbol}"].get, 200, "application/json") as never);
    const example = (doc.components.schemas.Stock as { example: Record<string, unknown> }).example;
    expect(stock.safeParse(example).success).toBe(true);
    expect(stock.safeParse({ ...example, undocumented: 1 }).success).toBe(false);
  });
});
