// The one wrapper every route handler is exported through: input parsing with zod,
// auth, rate limits, CORS, metrics, structured request logs and error mapping. A factory: the server layer
// supplies how callers are identified and limited (src/server/route.ts), so lib/ imports nothing from server/.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getEnv } from "@/env";
import { AppError, badRequest, isDependencyDown, toErrorResponse } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { recordHttpRequest } from "@/lib/metrics";

export type AuthLevel = "none" | "optional" | "user" | "admin";

/** What the wrapper needs to know about a caller; the auth module's principal carries more. */
export interface RoutePrincipal {
  role: "user" | "admin";
}

export interface RouteContext<P, Q, B, Pr extends RoutePrincipal = RoutePrincipal> {
  req: NextRequest;
  params: P;
  query: Q;
  body: B;
  principal: Pr | null;
}

export interface RouteOptions<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  /** Metric/log label, e.g. "/api/stock/[symbol]". */
  name: string;
  params?: P;
  query?: Q;
  body?: B;
  auth?: AuthLevel;
  /** "default" applies the per-IP / per-key limits; "auth" the tighter login/register limit. */
  rateLimit?: "default" | "auth" | false;
  maxBodyBytes?: number;
  /** "json" (default) parses the body as JSON; "csv" hands the body's text (a CSV file) to the schema as a string. */
  bodyType?: "json" | "csv";
}

/** How the wrapper learns who is calling and counts the request: supplied by the server layer. */
export interface RouteDeps<Pr extends RoutePrincipal> {
  resolvePrincipal: (req: NextRequest) => Promise<Pr | null>;
  /** Counts one request; returns the X-RateLimit-* headers to send, or throws a 429 AppError. */
  rateLimit: (args: { req: NextRequest; principal: Pr | null; kind: "default" | "auth" }) => Promise<Record<string, string>>;
}

function corsHeaders(req: NextRequest): Record<string, string> {
  const origin = req.headers.get("origin");
  if (!origin) return {};
  const env = getEnv();
  const allowed = [env.CORS_ORIGIN_LOCAL, env.CORS_ORIGIN_PROD].filter(Boolean);
  if (!allowed.includes(origin)) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Allow-Methods": "GET,POST,PUT,PATCH,DELETE,OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type,Authorization,X-API-Key",
    "Access-Control-Expose-Headers": "X-RateLimit-Limit,X-RateLimit-Remaining,X-RateLimit-Reset,Retry-After",
  };
}

/** OPTIONS handler for CORS preflight. */
export function preflight(req: NextRequest): Response {
  const started = performance.now();
  const headers = { ...corsHeaders(req), Vary: "Origin" };
  return new NextResponse(null, { status: 204, headers: { ...headers, "X-Response-Time": `${(performance.now() - started).toFixed(1)}ms` } });
}

// Messages reach people through the forms, so they name the field ("password", "symbols item 3"),
// never a validation path like "body.password", and a missing field says so in words.
function issueMessage(where: string, error: z.ZodError): string {
  const i = error.issues[0];
  if (!i) return `Invalid ${where === "body" ? "request body" : where}`;
  const keys = i.path.filter((k): k is string => typeof k === "string");
  const index = i.path.find((k): k is number => typeof k === "number");
  const field = keys.length ? `${keys[keys.length - 1]}${index !== undefined ? ` item ${index + 1}` : ""}` : where === "path" ? "address" : where;
  if (i.code === "invalid_type" && /received undefined/.test(i.message)) return `${field} is required`;
  if (i.code === "unrecognized_keys") return `Unknown field${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}`;
  // A body that is JSON but not an object ([], null, "x", 42): said as such, not "body: Invalid input: ...".
  if (i.path.length === 0 && where === "body" && i.code === "invalid_type") return "The request body must be a JSON object";
  return `${field}: ${plainWords(i.message)}`;
}

// zod's own wording ("Invalid input: expected number, received NaN", "Invalid discriminator value. Expected
// 'above' | 'below'") said as what the field must be.
const MUST_BE: Record<string, string> = { number: "a number", int: "a whole number", string: "text", object: "an object", array: "a list", boolean: "true or false" };
function plainWords(message: string): string {
  const type = /^Invalid input: expected (\w+), received \w+$/.exec(message);
  if (type && MUST_BE[type[1]]) return `must be ${MUST_BE[type[1]]}`;
  const choice = /^Invalid discriminator value\. Expected (.+)$/.exec(message) ?? /^Invalid option: expected one of (.+)$/.exec(message);
  if (choice) return `must be one of ${choice[1].replace(/['"]/g, "").split(/\s*\|\s*/).join(", ")}`;
  const bound = /^Too (small|big): expected (number|string|array) to (?:be|have) (>=|<=|>|<)(\S+)(?: (\w+))?$/.exec(message);
  if (bound) {
    const [, , kind, op, n, unit] = bound;
    const words = { ">=": "at least", "<=": "at most", ">": "more than", "<": "less than" }[op];
    if (kind === "number") return `must be ${op === ">" ? "greater than" : op === "<" ? "less than" : words} ${n}`;
    const noun = unit ?? "items";
    return `must have ${words} ${n} ${n === "1" ? noun.replace(/s$/, "") : noun}`;
  }
  return message;
}

/** The first query parameter sent more than once (?symbols=A&symbols=B), which would otherwise keep only the last. */
function repeatedParam(params: URLSearchParams): string | null {
  const seen = new Set<string>();
  for (const k of params.keys()) {
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return null;
}

// NUL and unpaired surrogates cannot be stored as text (Postgres refuses NUL outright) and have no business
// in any field, so they are refused for every route before its schema runs.
const BAD_TEXT = /[\u0000\p{Cs}]/u;
function findBadText(value: unknown, where: string, depth = 0): string | null {
  if (typeof value === "string") return BAD_TEXT.test(value) ? where : null;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  for (const [k, v] of Object.entries(value)) {
    const inKey = BAD_TEXT.test(k) ? where : null;
    const found = inKey ?? findBadText(v, `${where}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}
function assertCleanText(value: unknown, where: string): void {
  const found = findBadText(value, where);
  if (!found) return;
  // Named like the schema errors: the field ("login"), never the path "body.login".
  const field = found.includes(".") ? found.slice(found.lastIndexOf(".") + 1) : where === "path" ? "address" : where === "body" ? "request body" : where;
  throw badRequest(`${field}: contains a NUL or an invalid character`);
}

async function readBody(req: NextRequest, schema: z.ZodType, maxBytes: number, type: "json" | "csv"): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `Body larger than ${maxBytes} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("payload_too_large", `Body larger than ${maxBytes} bytes`);
  if (type === "csv") {
    assertCleanText(text, "body");
    const parsed = schema.safeParse(text);
    if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? "Invalid CSV");
    return parsed.data;
  }
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    throw badRequest("Body is not valid JSON");
  }
  assertCleanText(json, "body");
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badRequest(issueMessage("body", parsed.error));
  return parsed.data;
}

/**
 * Builds the `route` wrapper around the given principal resolver and rate limiter. lib/ knows nothing of
 * how callers are identified; src/server/route.ts wires the auth module in and exports the result.
 */
export function createRoute<Pr extends RoutePrincipal>(deps: RouteDeps<Pr>) {
  return function route<
    P extends z.ZodType = z.ZodType<Record<string, string>>,
    Q extends z.ZodType = z.ZodType<Record<string, string>>,
    B extends z.ZodType = z.ZodType<unknown>,
  >(
    opts: RouteOptions<P, Q, B>,
    handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>, Pr>) => Promise<Response | unknown>,
  ) {
    const handle = async (req: NextRequest, segment?: { params?: Promise<Record<string, string | string[]>> }) => {
      const started = performance.now();
      let extraHeaders: Record<string, string> = {};
      let response: Response;
      let identified = req.headers.has("x-api-key") || req.headers.has("authorization");
      try {
        const auth = opts.auth ?? "none";
        // Credentials are checked wherever they are sent: a bad or revoked key is a 401 even on a public
        // route (never silently anonymous), and a good one gets its own tier's limit there.
        const sendsCredentials = req.headers.has("x-api-key") || req.headers.has("authorization");
        let principal: Pr | null = null;
        let authError: unknown = null;
        if (auth !== "none" || sendsCredentials) {
          try {
            principal = await deps.resolvePrincipal(req);
          } catch (err) {
            // A credential that cannot be checked because the database is down does not take public routes
            // down with it: they serve the caller as anonymous, within the client IP's limits.
            if (isDependencyDown(err) && (auth === "none" || auth === "optional")) {
              logger.warn("credentials not checked: a dependency is down; serving as anonymous", { route: opts.name });
            } else {
              authError = err;
            }
          }
        }
        // Every request counts against its caller's limit before anything can refuse it, so malformed or
        // unauthorized requests cannot be sent without limit; a failed credential counts as its client IP.
        if (opts.rateLimit !== false) {
          extraHeaders = await deps.rateLimit({ req, principal, kind: opts.rateLimit ?? "default" });
        }
        if (principal) identified = true;
        if (authError) throw authError;
        if ((auth === "user" || auth === "admin") && !principal) throw new AppError("unauthorized", "Authentication required");
        if (auth === "admin" && principal?.role !== "admin") throw new AppError("forbidden", "Admin access required");

        const rawParams = (await segment?.params) ?? {};
        assertCleanText(rawParams, "path");
        const params = opts.params ? opts.params.safeParse(rawParams) : { success: true as const, data: rawParams };
        if (!params.success) throw badRequest(issueMessage("path", params.error));
        const rawQuery = Object.fromEntries(req.nextUrl.searchParams.entries());
        assertCleanText(rawQuery, "query");
        const repeated = opts.query ? repeatedParam(req.nextUrl.searchParams) : null;
        if (repeated) throw badRequest(`${repeated}: given more than once; send it once (a list is one comma-separated value)`);
        const query = opts.query ? opts.query.safeParse(rawQuery) : { success: true as const, data: rawQuery };
        if (!query.success) throw badRequest(issueMessage("query", query.error));
        const body = opts.body ? await readBody(req, opts.body, opts.maxBodyBytes ?? 64 * 1024, opts.bodyType ?? "json") : undefined;

        const result = await handler({
          req,
          params: params.data as z.infer<P>,
          query: query.data as z.infer<Q>,
          body: body as z.infer<B>,
          principal,
        });
        response = result instanceof Response ? result : NextResponse.json(result);
      } catch (err) {
        const mapped = toErrorResponse(err);
        if (mapped.status >= 500 && !(err instanceof AppError)) {
          logger.error("unhandled error", { route: opts.name, err });
        }
        response = NextResponse.json(mapped.body, { status: mapped.status, headers: mapped.headers });
      }
      for (const [k, v] of Object.entries({ ...extraHeaders, ...corsHeaders(req) })) {
        if (!response.headers.has(k)) response.headers.set(k, v);
      }
      // The CORS headers above depend on Origin whether or not this one was allowed: shared caches must
      // key on it. Answers to writes and to identified callers (tokens, keys, account data) are never stored.
      if (!/(^|,)\s*origin\s*(,|$)/i.test(response.headers.get("vary") ?? "")) response.headers.append("Vary", "Origin");
      if (!response.headers.has("cache-control") && (identified || (req.method !== "GET" && req.method !== "HEAD"))) {
        response.headers.set("Cache-Control", "no-store");
      }
      const status = response.status;
      const seconds = recordHttpRequest(response, { route: opts.name, method: req.method, started });
      logger.info("request", { route: opts.name, method: req.method, status, durationMs: Math.round(seconds * 1000) });
      return response;
    };
    // Metadata only: the OpenAPI document reads what each handler validates from here (src/server/openapi).
    return Object.assign(handle, { route: { name: opts.name, auth: opts.auth ?? "none", params: opts.params, query: opts.query, body: opts.body, bodyType: opts.bodyType ?? "json", rateLimit: opts.rateLimit ?? "default" } satisfies RouteSpec });
  };
}

/** What a wrapped handler declares about itself, attached to it as `.route`. */
export interface RouteSpec {
  name: string;
  auth: AuthLevel;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyType: "json" | "csv";
  rateLimit: "default" | "auth" | false;
}
