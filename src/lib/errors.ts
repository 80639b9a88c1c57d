// One error class for the whole app; toErrorResponse is the one mapper to HTTP.
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "method_not_allowed"
  | "payload_too_large"
  | "headers_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  method_not_allowed: 405,
  payload_too_large: 413,
  headers_too_large: 431,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

// The build can hold two copies of this module (a route's bundle and the instrumentation's, for one), and an
// error made by one copy failed `instanceof` against the other's class: a database-down 503 became a 500. The
// check is by brand instead: a registry symbol every copy shares, on every AppError whichever copy made it.
const APP_ERROR = Symbol.for("stock-hub.AppError");

export class AppError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[APP_ERROR] === true;
  }
  readonly [APP_ERROR] = true;
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryAfterSec?: number;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { retryAfterSec?: number; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.retryAfterSec = opts.retryAfterSec;
    this.headers = opts.headers;
  }
}

export const badRequest = (message: string) => new AppError("bad_request", message);
export const notFound = (message: string) => new AppError("not_found", message);
export const unauthorized = (message = "Authentication required") => new AppError("unauthorized", message);
export const forbidden = (message = "Not allowed") => new AppError("forbidden", message);
export const conflict = (message: string) => new AppError("conflict", message);
export const unavailable = (message: string, retryAfterSec = 30) =>
  new AppError("unavailable", message, { retryAfterSec });
/**
 * A dependency could not be reached or opened at all (e.g. the embedded database's folder is damaged): mapped
 * like a driver's connection error, to 503 with Retry-After, and to anonymous service on public routes.
 */
export function dependencyUnavailable(message: string, cause: unknown): Error {
  return Object.assign(new Error(message, { cause }), { kind: "DatabaseUnavailable" });
}
export const rateLimited = (message: string, retryAfterSec: number, headers?: Record<string, string>) =>
  new AppError("rate_limited", message, { retryAfterSec, headers });

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

// What a database or network driver says when the service behind it cannot be reached: Prisma's connection
// codes (P1001 unreachable, P1002/P1008 timed out, P1017 closed, P2024 pool timeout), Node's socket errors and
// Postgres's "shutting down / cannot connect now / too many connections" SQLSTATEs.
const DOWN_CODES = new Set([
  "P1001", "P1002", "P1008", "P1017", "P2024",
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EPIPE", "EAI_AGAIN",
  "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08006",
]);
const DOWN_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseUnavailable"]);
// Text that cannot be stored as given: NUL bytes and invalid UTF-8 (Postgres 22021, 22P05).
const BAD_TEXT_CODES = new Set(["22021", "22P05"]);

/** Every error object reachable from err: its causes, aggregated errors and Prisma's driver adapter error. */
function* errorChain(err: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!err || typeof err !== "object" || depth > 6) return;
  const e = err as Record<string, unknown>;
  yield e;
  yield* errorChain(e.cause, depth + 1);
  const meta = e.meta as Record<string, unknown> | undefined;
  if (meta) yield* errorChain(meta.driverAdapterError, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* errorChain(inner, depth + 1);
}

// Prisma's "the record to update or delete does not exist": a request that found its row a moment earlier
// (the owner check) and lost it to another request deleting it at the same time (P2025).
const GONE_CODES = new Set(["P2025"]);

function classify(err: unknown): "down" | "bad_text" | "gone" | null {
  for (const e of errorChain(err)) {
    const codes = [e.code, e.originalCode, e.kind].filter((c): c is string => typeof c === "string");
    if (codes.some((c) => BAD_TEXT_CODES.has(c))) return "bad_text";
    if (codes.some((c) => GONE_CODES.has(c))) return "gone";
    if (codes.some((c) => DOWN_CODES.has(c) || DOWN_KINDS.has(c))) return "down";
    if (e.name === "PrismaClientInitializationError") return "down";
    if (typeof e.message === "string" && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message)) return "down";
  }
  return null;
}

/** True when err says a dependency (database, cache, queue) is unreachable rather than that the code is wrong. */
export const isDependencyDown = (err: unknown): boolean => !(err instanceof AppError) && classify(err) === "down";

/** Seconds a client is asked to wait when a dependency is down. */
export const DEPENDENCY_RETRY_AFTER_SEC = 10;

/** Maps any thrown value to a status and body; unknown errors never leak their message. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (!(err instanceof AppError)) {
    const kind = classify(err);
    if (kind === "down") err = unavailable("A service this request needs is unavailable; try again shortly", DEPENDENCY_RETRY_AFTER_SEC);
    else if (kind === "bad_text") err = badRequest("Text contains characters that are not allowed");
    else if (kind === "gone") err = notFound("This item no longer exists: another request deleted it");
  }
  if (err instanceof AppError) {
    const headers: Record<string, string> = { ...(err.headers ?? {}) };
    if (err.retryAfterSec !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil(err.retryAfterSec)));
    return { status: err.status, body: { error: { code: err.code, message: err.message } }, headers };
  }
  return { status: 500, body: { error: { code: "internal", message: "Internal server error" } }, headers: {} };
}
