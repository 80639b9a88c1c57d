// /api/mcp with the official SDK client: it lists the tools (public ones only for anonymous callers, all
// with a key or token), calls search, quote and forecast through the route handler, and a bad argument
// gets a clear error from the REST validation it shares.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { registerUser } from "../support/push-test-env";
import { connect, textOf } from "./mcp-test-client";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", FORECAST_MODELS: "naive,drift", JOB_CONCURRENCY: "1" } });
});
afterAll(async () => env?.teardown());

describe("MCP server at /api/mcp", () => {
  it("lists the public tools to anonymous callers and calls search and quote", async () => {
    const client = await connect();
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual(["compare_models", "get_company_facts", "get_ledger", "get_news", "get_price_history", "get_quote", "search_symbols"]);
    const search = await client.callTool({ name: "search_symbols", arguments: { q: "apple", limit: 3 } });
    expect(search.isError).toBeFalsy();
    expect(JSON.parse(textOf(search)).results[0]).toMatchObject({ symbol: "AAPL" });
    const quote = await client.callTool({ name: "get_quote", arguments: { symbol: "aapl" } });
    expect(quote.isError).toBeFalsy();
    const body = JSON.parse(textOf(quote));
    expect(body.symbol).toBe("AAPL");
    expect(typeof body.price).toBe("number");
    expect(body.source).toEqual(expect.any(String));
    // The verifiable ledger is public: its counts, chain head and a page of entries (a fresh database has none).
    const ledger = await client.callTool({ name: "get_ledger", arguments: { symbol: "AAPL", limit: 5 } });
    expect(ledger.isError).toBeFalsy();
    expect(JSON.parse(textOf(ledger))).toMatchObject({ counts: { entries: 0, scored: 0, awaiting: 0 }, entries: [], nextAfter: null });
    expect(textOf(await client.callTool({ name: "get_ledger", arguments: { limit: 5000 } }))).toMatch(/^bad_request: limit: /);
    await client.close();
  });

  it("answers a bad argument with the REST validation's message, and a forecast without a key with 401", async () => {
    const client = await connect();
    const bad = await client.callTool({ name: "get_quote", arguments: { symbol: "NOT A SYMBOL!" } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^bad_request: symbol: /);
    const hidden = await client.callTool({ name: "get_forecast", arguments: { symbol: "AAPL" } });
    expect(hidden.isError).toBe(true);
    expect(textOf(hidden)).toBe("unauthorized: Authentication required");
    expect((hidden.content as { text: string }[])[1].text).toMatch(/^get_forecast needs a Stock Hub API key/);
    await client.close();
  });

  it("with a bearer token lists every tool and returns forecasts with intervals", async () => {
    const user = await registerUser("mcp");
    const client = await connect(user.auth);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["get_forecast", "get_track_record", "get_quote"]));
    let forecast: Record<string, any> = {};
    // Under the per-minute limit (each call is a REST request): one call every 1.5 s.
    for (let i = 0; i < 150; i++) {
      const r = await client.callTool({ name: "get_forecast", arguments: { symbol: "MSFT" } });
      expect(r.isError).toBeFalsy();
      forecast = JSON.parse(textOf(r));
      if (!forecast.job_id) break;
      await new Promise((res) => setTimeout(res, 1500));
    }
    expect(forecast.symbol).toBe("MSFT");
    expect(JSON.stringify(forecast)).toContain('"intervals"');
    await client.close();
  }, 300_000);

  it("refuses a bad key outright, like every REST route", async () => {
    await expect(connect({ "x-api-key": "sk_not-a-real-key" })).rejects.toThrow(/401|Invalid/);
  });
});
