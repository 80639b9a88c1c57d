// What an MCP tool is here: a REST operation (method, path, the route module's handler) with a description
// written for a model and a loose input shape for the client's form.
import "server-only";
import { z } from "zod";
import type { AuthLevel } from "@/lib/route";

export type Method = "GET" | "POST" | "PATCH" | "DELETE";
export type Handler = ((req: never, segment: { params: Promise<Record<string, string>> }) => Promise<Response>) & { route: { auth: AuthLevel } };

export interface McpTool {
  name: string;
  title: string;
  description: string;
  /** GET sends the arguments as query parameters, the other methods as a JSON body (path arguments aside). */
  method: Method;
  /** REST path template the tool calls, e.g. "/api/stock/{symbol}". */
  path: string;
  handler: Handler;
  /** Loose shapes for the client's form; the route's own zod schemas do the validation. */
  input: z.ZodRawShape;
}

/** The route module's handler for `method`, carrying the wrapper's metadata (its auth level decides who sees the tool). */
export const handlerOf = (module: object, method: Method = "GET"): Handler => (module as Record<Method, Handler>)[method];

export const symbolArg = z.string().describe("Ticker symbol, e.g. AAPL, MSFT or BRK.B (1-10 characters of A-Z, 0-9, '.' or '-'); use search_symbols to find one from a company name");
