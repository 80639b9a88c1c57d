// The MCP server behind /api/mcp: stateless Streamable HTTP (a fresh server and transport per request, no
// sessions), JSON answers. Each tool call is forwarded to its REST handler with the caller's credentials and
// client address, so validation, auth and rate limits are the REST API's own.
import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { NextRequest } from "next/server";
import type { Principal } from "@/server/auth";
import packageJson from "../../../../package.json";
import { registerDocResources } from "./mcp-docs";
import type { McpTool } from "./mcp-tool";
import { MCP_TOOLS, toolsFor } from "./mcp-tools";

const FORWARDED = ["x-api-key", "authorization", "cookie", "origin", "x-forwarded-for", "x-real-ip", "user-agent"];

const text = (t: string) => ({ type: "text" as const, text: t });
const jsonOrNull = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
};

async function callTool(outer: Request, tool: McpTool, args: Record<string, unknown>) {
  const params: Record<string, string> = {};
  const url = new URL(tool.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent((params[k] = String(args[k] ?? "")))), outer.url);
  const rest = Object.fromEntries(Object.entries(args).filter(([k, v]) => !(k in params) && v !== undefined));
  const headers = new Headers();
  for (const name of FORWARDED) {
    const v = outer.headers.get(name);
    if (v !== null) headers.set(name, v);
  }
  let body: string | undefined;
  if (tool.method === "GET") for (const [k, v] of Object.entries(rest)) url.searchParams.set(k, String(v));
  else if (tool.method !== "DELETE") {
    body = JSON.stringify(rest);
    headers.set("content-type", "application/json");
  }
  const res = await tool.handler(new NextRequest(url, { method: tool.method, headers, body }) as never, { params: Promise.resolve(params) });
  const raw = await res.text();
  const parsed = jsonOrNull(raw) as { error?: { code: string; message: string }; job_id?: string } | null;
  if (!res.ok) {
    const e = parsed?.error;
    const content = [text(e ? `${e.code}: ${e.message}` : `HTTP ${res.status}`)];
    if (res.status === 401) content.push(text(`${tool.name} needs a Stock Hub API key: create one on the account page and send it as the X-API-Key header in this MCP client's configuration.`));
    return { isError: true, content };
  }
  const content = [text(raw || `Done (HTTP ${res.status})`)];
  // Long work: the answer is a job; say how to follow it, in the words a model acts on.
  if (res.status === 202 && parsed?.job_id) content.push(text(`Still working: call get_job with {"id":"${parsed.job_id}"} every few seconds until its status is "done".`));
  return { content };
}

/** The tool a tools/call message names (stateless: one JSON-RPC message per POST). */
function requestedTool(message: unknown): string | undefined {
  const m = message as { method?: unknown; params?: { name?: unknown } } | null;
  return m?.method === "tools/call" && typeof m.params?.name === "string" ? m.params.name : undefined;
}

export async function handleMcp(req: Request, { principal, parsedBody }: { principal: Principal | null; parsedBody: unknown }): Promise<Response> {
  const server = new McpServer(
    { name: "stock-hub", title: "Stock Hub", version: packageJson.version },
    {
      instructions:
        "Stock quotes, history, company facts, news and multi-model forecasts; with an API key also the user's watchlists, alerts and model training. Market data says its source and as-of date; the data may be historical. Forecasts are statistical estimates, not investment advice. The docs:// resources describe the API, the forecasting method and its measured accuracy.",
    },
  );
  // An anonymous caller is listed the public tools only; calling another one runs it, so the answer is the
  // REST API's own 401 and says a key is needed (rather than "Tool not found").
  const listed = toolsFor({ principal });
  const asked = MCP_TOOLS.find((t) => t.name === requestedTool(parsedBody) && !listed.includes(t));
  for (const tool of asked ? [...listed, asked] : listed) {
    const readOnly = tool.method === "GET";
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: readOnly, destructiveHint: tool.method === "DELETE", idempotentHint: tool.method !== "POST", openWorldHint: false } },
      (args: Record<string, unknown>) => callTool(req, tool, args),
    );
  }
  registerDocResources({ server, req, principal });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req, { parsedBody });
  } finally {
    void server.close();
  }
}
