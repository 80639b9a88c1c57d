// The MCP server behind /api/mcp: stateless Streamable HTTP (a fresh server and transport per request, no
// sessions), JSON answers. Each tool call is forwarded to its REST handler with the caller's credentials and
// client address, so validation, auth and rate limits are the REST API's own.
import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { NextRequest } from "next/server";
import packageJson from "../../../../package.json";
import { toolsFor, type McpTool } from "./mcp-tools";

const FORWARDED = ["x-api-key", "authorization", "cookie", "origin", "x-forwarded-for", "x-real-ip", "user-agent"];

async function callTool(outer: Request, tool: McpTool, args: Record<string, unknown>) {
  const params: Record<string, string> = {};
  const url = new URL(tool.path.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] = String(args[k] ?? ""))), outer.url);
  for (const [k, v] of Object.entries(args)) if (!(k in params) && v !== undefined) url.searchParams.set(k, String(v));
  const headers = new Headers();
  for (const name of FORWARDED) {
    const v = outer.headers.get(name);
    if (v !== null) headers.set(name, v);
  }
  const res = await tool.handler(new NextRequest(url, { headers }) as never, { params: Promise.resolve(params) });
  const body = (await res.json()) as { error?: { code: string; message: string } };
  if (!res.ok) {
    const e = body.error;
    return { isError: true, content: [{ type: "text" as const, text: e ? `${e.code}: ${e.message}` : `HTTP ${res.status}` }] };
  }
  return { content: [{ type: "text" as const, text: JSON.stringify(body) }] };
}

export async function handleMcp(req: Request, { signedIn, parsedBody }: { signedIn: boolean; parsedBody: unknown }): Promise<Response> {
  const server = new McpServer(
    { name: "stock-hub", title: "Stock Hub", version: packageJson.version },
    { instructions: "Stock quotes, history, company facts, news and multi-model forecasts. Market data says its source and as-of date; the data may be historical. Forecasts are statistical estimates, not investment advice." },
  );
  for (const tool of toolsFor({ signedIn })) {
    server.registerTool(tool.name, { title: tool.title, description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: true, openWorldHint: false } }, (args: Record<string, unknown>) =>
      callTool(req, tool, args),
    );
  }
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req, { parsedBody });
  } finally {
    void server.close();
  }
}
