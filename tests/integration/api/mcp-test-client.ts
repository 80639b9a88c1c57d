// An MCP client from the official SDK whose HTTP requests go straight to the /api/mcp route handler, as Next
// would call it, from one random client address (so each client has its own anonymous rate-limit bucket).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { NextRequest } from "next/server";
import * as mcpRoute from "@/app/api/mcp/route";
import { randomIp } from "../auth/auth-test-env";

export async function connect(headers: Record<string, string> = {}): Promise<Client> {
  const ip = randomIp();
  const fetchToRoute = async (url: string | URL, init?: RequestInit) => {
    const h = new Headers(init?.headers);
    for (const [k, v] of Object.entries({ "x-forwarded-for": ip, ...headers })) h.set(k, v);
    const req = new NextRequest(new URL(url), { ...init, headers: h } as ConstructorParameters<typeof NextRequest>[1]);
    if (req.method !== "POST") return new Response(null, { status: 405 });
    return mcpRoute.POST(req, { params: Promise.resolve({}) });
  };
  const client = new Client({ name: "stock-hub-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL("http://localhost:3000/api/mcp"), { fetch: fetchToRoute }));
  return client;
}

/** The first text block of a tool result. */
export const textOf = (r: Awaited<ReturnType<Client["callTool"]>>) => (r.content as { type: string; text: string }[])[0].text;
