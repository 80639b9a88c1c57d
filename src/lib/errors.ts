// One error class for the whole app; toErrorResponse is the one mapper to HTTP.
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
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
export const rateLimited = (message: string, retryAfterSec: number, headers?: Record<string, string>) =>
  new AppError("rate_limited", message, { retryAfterSec, headers });

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** Maps any thrown value to a status and body; unknown errors never leak their message. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (err instanceof AppError) {
    const headers: Record<string, string> = { ...(err.headers ?? {}) };
    if (err.retryAfterSec !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil(err.retryAfterSec)));
    return { status: err.status, body: { error: { code: err.code, message: err.message } }, headers };
  }
  return { status: 500, body: { error: { code: "internal", message: "Internal server error" } }, headers: {} };
}
