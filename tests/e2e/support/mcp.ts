// An MCP client from the official SDK, connected to the running app's /api/mcp over real HTTP.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

export async function connectMcp(baseUrl: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "stock-hub-e2e", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL("/api/mcp", baseUrl), { requestInit: { headers } }));
  return client;
}

type CallResult = Awaited<ReturnType<Client["callTool"]>>;

/** The first text block of a tool result. */
export const textOf = (r: CallResult): string => (r.content as { type: string; text: string }[])[0].text;

/** Calls a tool that must succeed and returns its JSON answer; a tool error fails with its message. */
export async function callJson(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const r = await client.callTool({ name, arguments: args });
  if (r.isError) throw new Error(`${name} failed: ${textOf(r)}`);
  return JSON.parse(textOf(r));
}

/** Calls a tool that must fail and returns its error text. */
export async function callError(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const r = await client.callTool({ name, arguments: args });
  if (!r.isError) throw new Error(`${name} was expected to fail but answered ${textOf(r)}`);
  return textOf(r);
}
