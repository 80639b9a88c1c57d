// POST /api/mcp: the Model Context Protocol server (Streamable HTTP, stateless). Same credentials as REST
// (X-API-Key or Authorization: Bearer); anonymous callers see the public tools only. The envelope is not
// counted against the rate limit: each tool call is, through the REST handler it runs, and each docs read.
import { AppError } from "@/lib/errors";
import { handleMcp } from "./mcp-server";
import { preflight, route } from "@/server/route";

export const POST = route({ name: "/api/mcp", auth: "optional", rateLimit: false }, async ({ req, principal }) => {
  const text = await req.text();
  if (text.length > 64 * 1024) throw new AppError("payload_too_large", "Body too large");
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Body is not JSON (a JSON-RPC message is expected)");
  }
  return handleMcp(req, { principal, parsedBody });
});
export const OPTIONS = preflight;
