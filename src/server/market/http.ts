import "server-only";
// One fetch helper for every live provider: timeouts, status classification and JSON parsing,
// so the chain can decide between "retry", "move on" and "mark rate-limited" from one error type.
import { getEnv } from "@/env";
import type { ProviderName } from "./types";
import { noteNetworkFailure } from "./online";

export type ProviderErrorKind =
  | "timeout"
  | "network"
  | "server" // 5xx
  | "client" // 4xx other than 429
  | "rate_limited"
  | "garbage" // unparseable body or missing fields
  | "unsupported" // the provider does not offer this operation (or not on this plan)
  | "config"; // the key is invalid or missing: nothing will work until an operator fixes it

export class ProviderError extends Error {
  readonly provider: ProviderName;
  readonly kind: ProviderErrorKind;
  readonly retryAfterSec?: number;
  constructor(provider: ProviderName, kind: ProviderErrorKind, message: string, opts: { retryAfterSec?: number } = {}) {
    super(`${provider}: ${message}`);
    this.name = "ProviderError";
    this.provider = provider;
    this.kind = kind;
    this.retryAfterSec = opts.retryAfterSec;
  }
  /** Transient failures worth a bounded retry; everything else moves on to the next provider. */
  get retryable(): boolean {
    return this.kind === "timeout" || this.kind === "network" || this.kind === "server";
  }
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const n = Number(header);
  if (Number.isFinite(n)) return Math.max(1, n);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

/** GET a JSON document. Throws ProviderError for timeouts, non-2xx statuses and non-JSON bodies. */
export async function fetchJson({
  provider,
  url,
  headers,
}: {
  provider: ProviderName;
  url: string;
  headers?: Record<string, string>;
}): Promise<unknown> {
  const timeoutMs = getEnv().PROVIDER_TIMEOUT_MS;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { headers: { accept: "application/json", ...headers }, signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    text = await res.text();
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new ProviderError(provider, "timeout", `no response within ${timeoutMs} ms`);
    }
    noteNetworkFailure(err, new URL(url).hostname);
    throw new ProviderError(provider, "network", (err as Error)?.message ?? "network error");
  }
  if (res.status === 429) {
    throw new ProviderError(provider, "rate_limited", "HTTP 429", { retryAfterSec: retryAfter(res.headers.get("retry-after")) });
  }
  if (res.status >= 500) throw new ProviderError(provider, "server", `HTTP ${res.status}`);
  // 401 is an unknown or missing key (Finnhub "Invalid API key", Polygon "Unknown API Key"); 403 is an endpoint
  // or time range outside the plan (Finnhub's premium candles, Polygon's NOT_AUTHORIZED): try the next provider.
  if (res.status === 401) throw new ProviderError(provider, "config", `HTTP 401: ${text.slice(0, 160)}`);
  if (res.status === 403) throw new ProviderError(provider, "unsupported", `HTTP 403: ${text.slice(0, 200)}`);
  if (res.status >= 400) throw new ProviderError(provider, "client", `HTTP ${res.status}: ${text.slice(0, 160)}`);
  try {
    return JSON.parse(text);
  } catch {
    // A consent wall, captcha or proxy error page arrives as HTML with status 200; a cut connection as truncated JSON.
    const what = /^\s*</.test(text) ? "an HTML page" : text.trim() === "" ? "empty" : /^\s*[[{]/.test(text) ? "truncated or malformed JSON" : "not JSON";
    throw new ProviderError(provider, "garbage", `body is not JSON (${what}): ${text.trim().slice(0, 80)}`);
  }
}

/** Parses a provider's numeric field ("123.45", 123.45, "12.3%"); undefined when absent or not a number. */
export function num(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v !== "string") return undefined;
  const s = v.trim().replace(/%$/, "");
  if (s === "" || s === "None" || s === "-" || s === "null") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Like num() but a missing value is a malformed payload. */
export function requireNum(provider: ProviderName, v: unknown, field: string): number {
  const n = num(v);
  if (n === undefined) throw new ProviderError(provider, "garbage", `missing or non-numeric field ${field}`);
  return n;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
