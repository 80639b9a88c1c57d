// /api/mcp applies the REST rate limits and tiers to every tool call and docs read (over the limit, the tool
// error says so and when to retry), serves every docs page as a resource, and explains a bad argument.
import { readdirSync, readFileSync } from "node:fs";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as keyRoutes from "@/app/api/keys/route";
import { DOC_PAGES, docUri } from "@/app/api/mcp/mcp-docs";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { registerUser } from "../support/push-test-env";
import { connect, textOf } from "./mcp-test-client";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", RATE_LIMIT_ANON_PER_MIN: "3", RATE_LIMIT_DEFAULT_PER_MIN: "5", RATE_LIMIT_AUTH_PER_MIN: "1000" } });
});
afterAll(async () => env?.teardown());

async function quoteUntilRefused(client: Client, most: number): Promise<{ admitted: number; refusal: string }> {
  for (let admitted = 0; admitted <= most; admitted++) {
    const r = await client.callTool({ name: "get_quote", arguments: { symbol: "AAPL" } });
    if (r.isError) return { admitted, refusal: textOf(r) };
  }
  throw new Error(`no refusal after ${most + 1} calls`);
}

describe("MCP limits, tiers and resources", () => {
  it("counts anonymous tool calls and docs reads against the client address's limit (3 a minute here)", async () => {
    const client = await connect();
    const page = await client.readResource({ uri: docUri("security.md") });
    expect(page.contents[0]).toMatchObject({ mimeType: "text/markdown", text: readFileSync("docs/security.md", "utf8") });
    const { admitted, refusal } = await quoteUntilRefused(client, 10);
    expect(admitted).toBe(2);
    expect(refusal).toMatch(/^rate_limited: Rate limit exceeded; retry in \d+ s$/);
    await expect(client.readResource({ uri: docUri("api.md") })).rejects.toThrow(/rate_limited: Rate limit exceeded; retry in \d+ s/);
    // Listing is not a request against the data: it still answers.
    expect((await client.listTools()).tools.length).toBe(7); // the public tools, get_ledger included
    await client.close();
  });

  it("gives an API key its tier's limit (default: 5 a minute here), not the anonymous one", async () => {
    const user = await registerUser("mcplimit");
    const created = await call(keyRoutes.POST, { method: "POST", body: { name: "mcp" }, headers: user.auth });
    expect(created.status).toBe(201);
    const client = await connect({ "x-api-key": created.json.key });
    const { admitted, refusal } = await quoteUntilRefused(client, 10);
    expect(admitted).toBe(5);
    expect(refusal).toMatch(/^rate_limited: Rate limit exceeded; retry in \d+ s$/);
    await client.close();
  });

  it("serves every docs page as a markdown resource with a description for a model", async () => {
    const client = await connect();
    const { resources } = await client.listResources();
    const pages = readdirSync("docs").filter((f) => f.endsWith(".md")).sort();
    expect(resources.map((r) => r.uri).sort()).toEqual(pages.map(docUri));
    expect(DOC_PAGES.map((p) => p.file).sort()).toEqual(pages);
    for (const r of resources) {
      expect(r.mimeType).toBe("text/markdown");
      expect(r.description!.length).toBeGreaterThan(40);
    }
    await client.close();
  });

  it("explains a bad argument: the REST validation's message, or the tool's own argument check", async () => {
    const client = await connect();
    const wrongType = await client.callTool({ name: "search_symbols", arguments: { q: "apple", limit: "ten" } });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(/^MCP error -32602: Input validation error: Invalid arguments for tool search_symbols: .*expected number, received string.*limit/s);
    await client.close();
  });
});
