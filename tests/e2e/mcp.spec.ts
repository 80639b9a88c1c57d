// /api/mcp on the production build, through the official SDK client over HTTP: an anonymous caller is
// listed the public tools and each answers with real data, a private tool is refused, a bad argument gets the
// REST message and the docs are resources; with an API key created through the REST API (by the typed
// client) every tool answers, training is followed with get_job until done, and the key's rate limit applies.
import { expect, test } from "@playwright/test";
import { createStockHubClient } from "../../packages/api-client/index";
import { apiKeyThroughApi, ok } from "./support/api";
import { callError, callJson, connectMcp, textOf } from "./support/mcp";

const PUBLIC = ["compare_models", "get_company_facts", "get_ledger", "get_news", "get_price_history", "get_quote", "search_symbols"];
const ACCOUNT = ["create_alert", "create_watchlist", "delete_alert", "delete_watchlist", "get_forecast", "get_job", "get_track_record", "list_alerts", "list_watchlists", "train_models", "update_watchlist"];

test("anonymous: the public tools are listed and answer, a private one is refused, the docs are resources", async ({ baseURL }) => {
  const mcp = await connectMcp(baseURL!);
  const { tools } = await mcp.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(PUBLIC);
  for (const t of tools) expect(t.description!.length, t.name).toBeGreaterThan(60);

  expect((await callJson(mcp, "search_symbols", { q: "apple", limit: 3 })).results[0]).toMatchObject({ symbol: "AAPL", name: expect.stringMatching(/Apple/) });
  const quote = await callJson(mcp, "get_quote", { symbol: "msft" });
  expect(quote).toMatchObject({ symbol: "MSFT", source: expect.any(String), asOf: expect.any(String) });
  expect(quote.price).toBeGreaterThan(0);
  const history = await callJson(mcp, "get_price_history", { symbol: "AAPL", range: "3M" });
  expect(history.range).toBe("3M");
  expect(history.points.length).toBeGreaterThan(55); // about 63 trading days
  expect((await callJson(mcp, "get_company_facts", { symbol: "AAPL" })).name).toMatch(/Apple/);
  expect((await callJson(mcp, "get_news", { limit: 3 })).articles.length).toBeLessThanOrEqual(3);
  const models = await callJson(mcp, "compare_models", { symbol: "AAPL" });
  expect(models.symbol).toBe("AAPL");
  // Trained or not (the suite's order decides), every configured model is accounted for.
  const accounted = [...models.models.map((m: { model: string }) => m.model), ...models.untrained];
  expect(accounted).toEqual(expect.arrayContaining(["arima", "prophet"]));
  const ledger = await callJson(mcp, "get_ledger", { limit: 2 });
  expect(ledger.counts.entries).toBeGreaterThanOrEqual(ledger.entries.length);
  expect(ledger.entries.length).toBeLessThanOrEqual(2);

  // Not listed; called anyway, the REST API's 401 and what to do about it.
  const hidden = await mcp.callTool({ name: "get_forecast", arguments: { symbol: "AAPL" } });
  expect(hidden.isError).toBe(true);
  expect((hidden.content as { text: string }[]).map((c) => c.text)).toEqual(["unauthorized: Authentication required", expect.stringContaining("get_forecast needs a Stock Hub API key")]);
  expect(await callError(mcp, "get_quote", { symbol: "NOT A SYMBOL!" })).toMatch(/^bad_request: symbol: /);
  expect(await callError(mcp, "get_quote", { symbol: "ZZZZZZ" })).toMatch(/^not_found: /);

  const { resources } = await mcp.listResources();
  expect(resources.map((r) => r.uri)).toContain("docs://stock-hub/forecasting.md");
  const page = await mcp.readResource({ uri: "docs://stock-hub/api.md" });
  expect(page.contents[0]).toMatchObject({ mimeType: "text/markdown", text: expect.stringContaining("## MCP server") });
  await mcp.close();
});

test("with an API key: watchlists, alerts, forecast, training followed with get_job, track record", async ({ baseURL }) => {
  test.setTimeout(300_000);
  const { key } = await apiKeyThroughApi(baseURL!, "mcp");
  const mcp = await connectMcp(baseURL!, { "X-API-Key": key });
  expect((await mcp.listTools()).tools.map((t) => t.name).sort()).toEqual([...PUBLIC, ...ACCOUNT].sort());
  const rest = createStockHubClient({ baseUrl: baseURL!, apiKey: key });

  const list = await callJson(mcp, "create_watchlist", { name: "MCP picks", symbols: ["AAPL", "MSFT"] });
  expect(list).toMatchObject({ name: "MCP picks", symbols: ["AAPL", "MSFT"] });
  expect((await callJson(mcp, "update_watchlist", { id: list.id, symbols: ["MSFT", "AAPL", "NVDA"] })).symbols).toEqual(["MSFT", "AAPL", "NVDA"]);
  expect(await callError(mcp, "update_watchlist", { id: list.id, symbols: ["AAPL", "AAPL"] })).toBe("bad_request: symbols: Each symbol may appear only once");
  expect((await callJson(mcp, "list_watchlists")).watchlists.map((w: { name: string; symbols: string[] }) => [w.name, w.symbols])).toEqual([["MCP picks", ["MSFT", "AAPL", "NVDA"]]]);
  // The REST API sees what the tools wrote.
  expect(ok(await rest.GET("/api/watchlists")).watchlists.map((w) => w.id)).toEqual([list.id]);
  expect(await callJson(mcp, "delete_watchlist", { id: list.id })).toEqual({ deleted: true, id: list.id });
  expect(ok(await rest.GET("/api/watchlists")).watchlists).toEqual([]);

  expect(await callError(mcp, "create_alert", { symbol: "AAPL", type: "above" })).toMatch(/^bad_request: price/);
  const alert = await callJson(mcp, "create_alert", { symbol: "AAPL", type: "above", price: 250 });
  expect(alert).toMatchObject({ symbol: "AAPL", type: "above", price: 250, percent: null, active: true });
  expect((await callJson(mcp, "list_alerts")).alerts.map((a: { id: string }) => a.id)).toEqual([alert.id]);
  expect(await callJson(mcp, "delete_alert", { id: alert.id })).toEqual({ deleted: true, id: alert.id });
  expect(ok(await rest.GET("/api/alerts")).alerts).toEqual([]);

  // A symbol no other spec trains: the baseline at once, then the models through a job.
  const baseline = await callJson(mcp, "get_forecast", { symbol: "COST" });
  expect(baseline).toMatchObject({ symbol: "COST", stage: "baseline" });
  expect(JSON.stringify(baseline)).toContain('"intervals"');
  const train = await mcp.callTool({ name: "train_models", arguments: { symbol: "COST" } });
  expect(train.isError).toBeFalsy();
  const started = JSON.parse(textOf(train));
  expect(started).toMatchObject({ job_id: expect.any(String), poll: `/api/jobs/${started.job_id}` });
  expect((train.content as { text: string }[])[1].text).toContain(`call get_job with {"id":"${started.job_id}"}`);
  let job = await callJson(mcp, "get_job", { id: started.job_id });
  for (const until = Date.now() + 240_000; !["done", "failed", "timeout", "cancelled", "interrupted"].includes(job.status) && Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 3000));
    job = await callJson(mcp, "get_job", { id: started.job_id });
  }
  expect(job).toMatchObject({ id: started.job_id, status: "done", progress: 1 });
  expect((await callJson(mcp, "get_forecast", { symbol: "COST" })).stage).toBe("complete");
  const compared = await callJson(mcp, "compare_models", { symbol: "COST" });
  expect(compared.untrained).toEqual([]);
  expect(compared.models.filter((m: { model: string; readiness: string }) => ["arima", "prophet"].includes(m.model) && m.readiness === "ready")).toHaveLength(2);
  expect(await callError(mcp, "get_job", { id: "not-a-job" })).toMatch(/^bad_request: id: /);

  const record = await callJson(mcp, "get_track_record", { symbol: "COST", days: 30 });
  expect(record).toMatchObject({ symbol: "COST", days: 30 });
  await mcp.close();
});

test("a key's rate limit applies to tool calls: over it, the tool error says so, and REST is refused too", async ({ baseURL }) => {
  const { key } = await apiKeyThroughApi(baseURL!, "mcplimit");
  const rest = createStockHubClient({ baseUrl: baseURL!, apiKey: key });
  const me = await rest.GET("/api/auth/me");
  expect(ok(me).tier).toBe("default");
  const limit = Number(me.response.headers.get("x-ratelimit-limit"));
  const remaining = Number(me.response.headers.get("x-ratelimit-remaining"));
  expect([limit, remaining]).toEqual([100, 99]);

  const mcp = await connectMcp(baseURL!, { "X-API-Key": key });
  let admitted = 0;
  let refusal = "";
  while (admitted <= limit + 20) {
    const r = await mcp.callTool({ name: "get_quote", arguments: { symbol: "AAPL" } });
    if (r.isError) {
      refusal = textOf(r);
      break;
    }
    admitted++;
  }
  // 99 left after /me; a little more only if the minute turned meanwhile (the window slides).
  expect(admitted).toBeGreaterThanOrEqual(remaining);
  expect(refusal).toMatch(/^rate_limited: Rate limit exceeded; retry in \d+ s$/);
  const refused = await rest.GET("/api/stock/{symbol}", { params: { path: { symbol: "AAPL" } } });
  expect(refused.response.status).toBe(429);
  expect(refused.error?.error.code).toBe("rate_limited");
  await mcp.close();
});
