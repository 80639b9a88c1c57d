// Builds the OpenAPI 3.1 document from the route modules themselves: each handler's wrapper metadata
// (params, query, body, auth, rate limit) plus its entry in operations.ts. zod-openapi renders the zod
// schemas, so the document describes exactly what the routes validate.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import type { RouteSpec } from "@/lib/route";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_PAYLOADS, type WebhookPayloadType } from "@/server/webhooks";
import { operations, type OperationDoc } from "./operations";
import { addParameterExamples, TAGS } from "./presentation";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export interface RouteModuleEntry {
  /** OpenAPI path, e.g. "/api/stock/{symbol}". */
  path: string;
  module: Record<string, unknown>;
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(["bad_request", "unauthorized", "forbidden", "not_found", "method_not_allowed", "conflict", "payload_too_large", "rate_limited", "unavailable", "internal"]),
      message: z.string(),
    }),
  })
  .meta({ id: "Error", example: { error: { code: "bad_request", message: "symbol: Symbol must be 1-10 characters of A-Z, 0-9, '.' or '-'" } } });

const rateHeaders = z.object({
  "X-RateLimit-Limit": z.string().meta({ description: "Requests allowed per minute for this caller" }),
  "X-RateLimit-Remaining": z.string().meta({ description: "Requests left in the current window" }),
  "X-RateLimit-Reset": z.string().meta({ description: "Unix time (s) when the window resets" }),
});
const csvBody = z.string().meta({ description: "CSV: a header row, then one row per record; ISO dates" });
const retryAfter = z.object({ "Retry-After": z.string().meta({ description: "Seconds to wait" }) });

const errorResponse = (description: string, headers?: z.ZodObject) => ({ description, content: { "application/json": { schema: errorBodySchema } }, ...(headers ? { headers } : {}) });

const SECURITY: Record<"user" | "optional", Record<string, string[]>[]> = { user: [{ bearerAuth: [] }, { apiKey: [] }, { sessionCookie: [] }], optional: [{}, { bearerAuth: [] }, { apiKey: [] }, { sessionCookie: [] }] };

function operationOf(key: string, doc: OperationDoc, spec: RouteSpec | undefined, path: string): ZodOpenApiOperationObject {
  const [method] = key.split(" ");
  const limited = spec ? spec.rateLimit !== false : false;
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: r.description,
      ...(r.schema ? { content: { [r.contentType ?? "application/json"]: { schema: r.schema }, ...(r.csv ? { "text/csv": { schema: csvBody } } : {}) } } : {}),
      ...(limited ? { headers: rateHeaders } : {}),
    };
  }
  const errors: Record<number, string> = Object.fromEntries(Object.entries(doc.errors ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
  if (spec) {
    // The wrapper refuses a NUL or an invalid character in any path segment or query parameter, on every route.
    errors[400] ??= spec.params || spec.query || spec.body ? "Invalid input" : "A query parameter with a NUL or an invalid character";
    errors[401] = spec.auth === "user" || spec.auth === "admin" ? "No or invalid credentials" : "Invalid credentials (a bad key is refused on every route)";
    if (spec.auth === "admin") errors[403] ??= "Admin access required";
    if (spec.body) errors[413] = "Body too large";
    if (limited) errors[429] = "Rate limit exceeded";
    errors[500] = "Unexpected error (logged; the message is generic)";
  }
  for (const [status, description] of Object.entries(errors)) {
    // An error status the operation documents with its own body (an import's rejected rows) keeps it.
    if (doc.responses[Number(status)]) continue;
    responses[status as `4${string}`] = errorResponse(description, status === "429" || status === "503" ? retryAfter : undefined);
  }
  const placeholders = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const pathParams = spec?.params ?? (placeholders.length ? z.object(Object.fromEntries(placeholders.map((p) => [p, z.string()]))) : undefined);
  const auth = spec?.auth ?? "none";
  return {
    operationId: `${method.toLowerCase()}${path.replace(/\{(\w+)\}/g, "By-$1").split(/[/.-]/).filter(Boolean).map((s) => s[0].toUpperCase() + s.slice(1)).join("")}`,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: doc.tags,
    ...(auth === "user" || auth === "admin" ? { security: SECURITY.user } : auth === "optional" ? { security: SECURITY.optional } : { security: [] }),
    ...(pathParams || spec?.query ? { requestParams: { ...(pathParams ? { path: pathParams as z.ZodObject } : {}), ...(spec?.query ? { query: spec.query as z.ZodObject } : {}) } } : {}),
    ...(spec?.body ? { requestBody: { required: true, content: { [spec.bodyType === "csv" ? "text/csv" : "application/json"]: { schema: spec.body } } } } : {}),
    responses,
  };
}

/** Operations ("GET /api/x") the modules export that operations.ts does not describe (the contract test wants none). */
export function undocumentedOperations(routes: RouteModuleEntry[]): string[] {
  return routes.flatMap(({ path, module }) => METHODS.filter((m) => typeof module[m] === "function" && !operations[`${m} ${path}`]).map((m) => `${m} ${path}`));
}

export function buildDocument({ routes, version, serverUrl }: { routes: RouteModuleEntry[]; version: string; serverUrl?: string }) {
  const paths: ZodOpenApiPathsObject = {};
  for (const { path, module } of routes) {
    for (const method of METHODS) {
      const handler = module[method] as ((...a: unknown[]) => unknown) & { route?: RouteSpec };
      const key = `${method} ${path}`;
      if (typeof handler !== "function" || !operations[key]) continue;
      paths[path] ??= {};
      (paths[path] as Record<string, ZodOpenApiOperationObject>)[method.toLowerCase()] = operationOf(key, operations[key], handler.route, path);
    }
  }
  const envelope = (type: WebhookPayloadType) =>
    z.strictObject({ id: z.string().meta({ description: "Event id: also the webhook-id header; stable across retries" }), type: z.literal(type), timestamp: z.iso.datetime(), data: WEBHOOK_PAYLOADS[type] });
  const doc = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Stock Hub API",
      version,
      description:
        "Quotes, charts, news and multi-model price forecasts. Errors are always `{ \"error\": { \"code\", \"message\" } }`. Market responses say their source and as-of date; the shipped data set is historical, never live. Forecasts are statistical estimates, not investment advice.\n\n" +
        "AI assistants and agents can use the same operations as tools over the Model Context Protocol at `/api/mcp` (Streamable HTTP, stateless): the same API keys (X-API-Key or Authorization: Bearer) and rate limits; anonymous callers get the public tools. Back to the app: [Stock Hub](/).",
    },
    tags: [...TAGS],
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    webhooks: Object.fromEntries(
      [...WEBHOOK_EVENT_TYPES, "webhook.test" as const].map((type) => [
        type,
        {
          post: {
            summary: `${type} delivered to a registered endpoint`,
            description: "Signed per Standard Webhooks: verify webhook-signature over `${webhook-id}.${webhook-timestamp}.${body}` with the endpoint's whsec_ secret. Answer 2xx within 10 s; other answers are retried about 8 times over a day.",
            requestParams: { header: z.object({ "webhook-id": z.string(), "webhook-timestamp": z.string(), "webhook-signature": z.string().meta({ example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=" }) }) },
            requestBody: { content: { "application/json": { schema: envelope(type) } } },
            responses: { 200: { description: "Received" } },
          },
        },
      ]),
    ),
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Access token from POST /api/auth/login (an API key is also accepted as a bearer token)" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "An API key from /account (sk_...)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The browser session (same-origin requests only)" },
      },
    },
  });
  return addParameterExamples(doc as Parameters<typeof addParameterExamples>[0]) as typeof doc;
}
