import "server-only";
// Wraps every live provider call: per-provider rate limits (shared across instances through the
// rate limiter), a "limited" flag after a 429 or rate-limit body, a circuit breaker for failing
// providers, bounded retries with exponential backoff and jitter for transient failures, and a
// metric plus a log line per call.
import { cache } from "@/lib/cache";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { rateLimiter } from "@/lib/rate-limit";
import { ProviderError } from "./http";
import type { ProviderName } from "./types";
import { onServicesReset, processState } from "@/lib/services";
import { isOnline } from "./online";

/** Free-tier limits (requests per window). Alpha Vantage: 5/min and 25/day; Finnhub 60/min; Polygon 5/min. */
export const PROVIDER_LIMITS: Record<Exclude<ProviderName, "shipped">, { limit: number; windowSec: number }[]> = {
  alphavantage: [
    { limit: 5, windowSec: 60 },
    { limit: 25, windowSec: 86_400 },
  ],
  finnhub: [{ limit: 60, windowSec: 60 }],
  polygon: [{ limit: 5, windowSec: 60 }],
  // Unofficial and unpublished: kept well below what the website itself sends, so one install is never blocked.
  yahoo: [
    { limit: 60, windowSec: 60 },
    { limit: 1500, windowSec: 3600 },
  ],
};

export const RETRIES = 2;
const BACKOFF_BASE_MS = 150;
const BACKOFF_MAX_MS = 2000;
const BREAKER_THRESHOLD = 3;
const BREAKER_BASE_MS = 30_000;
const BREAKER_MAX_MS = 5 * 60_000;

export type CallOutcome = "ok" | "not_found" | "rate_limited" | "timeout" | "error" | "garbage" | "unsupported" | "key_invalid" | "skipped_limited" | "skipped_open" | "skipped_key_invalid";

interface ProviderState {
  consecutiveFailures: number;
  openUntil: number;
  lastOutcome?: CallOutcome;
  lastLatencyMs?: number;
  lastError?: string;
  lastAt?: number;
  /** Set when the provider said the key is invalid or missing: the provider is skipped until then. */
  keyInvalidUntil?: number;
  keyInvalidReason?: string;
  /** When this site's own free-tier budget for the provider admits the next request (after a refused slot). */
  budgetUntil?: number;
}
// One per process, whichever bundle asks (src/lib/services.ts processState): /api/status sees what the routes saw.
const states = processState("market.guard.states", () => new Map<ProviderName, ProviderState>());
/** "provider:op" -> until when to skip it: an endpoint outside the plan (HTTP 403, premium) stays outside it. */
const unsupported = processState("market.guard.unsupported", () => new Map<string, number>());
const ns = processState("market.guard.namespace", () => ({ value: "" }));
const UNSUPPORTED_SKIP_MS = 60 * 60_000;
// An invalid key does not fix itself, but an operator may fix it at the provider: ask again after an hour.
const KEY_INVALID_SKIP_MS = 60 * 60_000;

export function providerState(name: ProviderName): ProviderState {
  let s = states.get(name);
  if (!s) states.set(name, (s = { consecutiveFailures: 0, openUntil: 0 }));
  return s;
}

// Tests get fresh breakers and a fresh rate-limit namespace (the Redis-backed limiter outlives a run).
onServicesReset(() => {
  states.clear();
  unsupported.clear();
  ns.value = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}:`;
});

const limitedKey = (name: ProviderName) => `${ns.value}provider:limited:${name}`;

/** Until when a 429 / rate-limit body marked the provider as limited (shared across instances); null when it is not. */
export async function limitedUntil(name: ProviderName): Promise<number | null> {
  return cache.get<number>(limitedKey(name)).catch(() => null);
}

export async function isMarkedLimited(name: ProviderName): Promise<boolean> {
  return (await limitedUntil(name)) !== null;
}

async function markLimited(name: ProviderName, retryAfterSec = 60): Promise<void> {
  await cache.set(limitedKey(name), Date.now() + retryAfterSec * 1000, { ttlSec: Math.ceil(retryAfterSec) }).catch(() => undefined);
}

/** Takes one slot from each of the provider's windows; false when any window is spent. */
async function takeSlot(name: Exclude<ProviderName, "shipped">): Promise<boolean> {
  for (const { limit, windowSec } of PROVIDER_LIMITS[name]) {
    const r = await rateLimiter.limit({ key: `${ns.value}provider:${name}:${windowSec}`, limit, windowSec });
    if (!r.success) {
      providerState(name).budgetUntil = r.resetMs;
      return false;
    }
  }
  return true;
}

function record(name: ProviderName, op: string, outcome: CallOutcome, latencyMs: number | null, err?: unknown): void {
  const s = providerState(name);
  s.lastOutcome = outcome;
  s.lastAt = Date.now();
  if (latencyMs !== null) s.lastLatencyMs = latencyMs;
  s.lastError = err instanceof Error ? err.message : undefined;
  metrics.providerCalls.inc({ provider: name, outcome });
  const fields = { provider: name, op, outcome, latencyMs, ...(s.lastError ? { error: s.lastError } : {}) };
  if (outcome === "ok" || outcome === "not_found") logger.info("provider call", fields);
  else logger.warn("provider call", fields);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function backoffMs(attempt: number): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return exp / 2 + Math.random() * (exp / 2); // "equal jitter": never zero, never above the cap
}

/** A skip is not an error of the provider: the caller moves on without counting a failure. */
export class ProviderSkipped extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly reason: "rate_limited" | "circuit_open" | "unsupported" | "key_invalid",
  ) {
    super(`${provider} skipped: ${reason}`);
  }
}

/**
 * Runs one provider operation under the guards. Resolves with the provider's answer (null = the
 * provider does not have the symbol); rejects with ProviderSkipped or ProviderError.
 */
export async function guardedCall<T>({
  provider: name,
  op,
  call: fn,
}: {
  provider: ProviderName;
  op: string;
  call: () => Promise<T | null>;
}): Promise<T | null> {
  if (name === "shipped") {
    // Local files: no limits, no network; counted so /metrics shows how often the fallback serves.
    const value = await fn();
    metrics.providerCalls.inc({ provider: name, outcome: value === null ? "not_found" : "ok" });
    return value;
  }
  const s = providerState(name);
  if (s.openUntil > Date.now()) {
    record(name, op, "skipped_open", null);
    throw new ProviderSkipped(name, "circuit_open");
  }
  if ((s.keyInvalidUntil ?? 0) > Date.now()) {
    record(name, op, "skipped_key_invalid", null);
    throw new ProviderSkipped(name, "key_invalid");
  }
  if ((unsupported.get(`${name}:${op}`) ?? 0) > Date.now()) throw new ProviderSkipped(name, "unsupported");
  if ((await isMarkedLimited(name)) || !(await takeSlot(name))) {
    record(name, op, "skipped_limited", null);
    throw new ProviderSkipped(name, "rate_limited");
  }
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    try {
      const value = await fn();
      const latency = Math.round(performance.now() - started);
      s.consecutiveFailures = 0;
      s.openUntil = 0;
      s.keyInvalidUntil = undefined;
      s.keyInvalidReason = undefined;
      record(name, op, value === null ? "not_found" : "ok", latency);
      return value;
    } catch (err) {
      const latency = Math.round(performance.now() - started);
      const pe = err instanceof ProviderError ? err : new ProviderError(name, "garbage", (err as Error)?.message ?? String(err));
      if (pe.kind === "rate_limited") {
        record(name, op, "rate_limited", latency, pe);
        await markLimited(name, pe.retryAfterSec);
        throw pe;
      }
      if (pe.kind === "config") {
        // A configuration error, not an outage: said once at error level, then the provider is skipped.
        if (!((s.keyInvalidUntil ?? 0) > Date.now())) logger.error("provider key invalid", { provider: name, op, error: pe.message });
        s.keyInvalidUntil = Date.now() + KEY_INVALID_SKIP_MS;
        s.keyInvalidReason = pe.message;
        s.lastOutcome = "key_invalid";
        s.lastAt = Date.now();
        s.lastError = pe.message;
        metrics.providerCalls.inc({ provider: name, outcome: "key_invalid" });
        throw pe;
      }
      // After a DNS or connect failure marked the machine offline, a retry would only fail the same way.
      if (pe.retryable && attempt < RETRIES && isOnline()) {
        record(name, op, pe.kind === "timeout" ? "timeout" : "error", latency, pe);
        await sleep(backoffMs(attempt));
        // Another attempt only if no other instance has meanwhile spent the provider's window.
        if (!(await takeSlot(name))) throw new ProviderSkipped(name, "rate_limited");
        continue;
      }
      const outcome: CallOutcome = pe.kind === "timeout" ? "timeout" : pe.kind === "garbage" ? "garbage" : pe.kind === "unsupported" ? "unsupported" : "error";
      record(name, op, outcome, latency, pe);
      if (pe.kind === "unsupported") unsupported.set(`${name}:${op}`, Date.now() + UNSUPPORTED_SKIP_MS);
      else {
        s.consecutiveFailures++;
        if (s.consecutiveFailures >= BREAKER_THRESHOLD) {
          const trips = s.consecutiveFailures - BREAKER_THRESHOLD;
          s.openUntil = Date.now() + Math.min(BREAKER_MAX_MS, BREAKER_BASE_MS * 2 ** trips);
        }
      }
      throw pe;
    }
  }
}
