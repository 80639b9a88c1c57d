import "server-only";
// The provider chain: tries providers in PROVIDER_ORDER (the shipped set last), skipping disabled,
// rate-limited and failing ones, and reports which provider answered. Caching sits above it (memo.ts).
import { cache } from "@/lib/cache";
import { AppError, notFound } from "@/lib/errors";
import { guardedCall, ProviderSkipped } from "./guard";
import { ProviderError } from "./http";
import { PROVIDERS, providerOrder } from "./providers";
import { clearDegraded, isDegraded, markDegraded } from "./data-health";
import type { Bar, MarketProvider, ProviderName, Quote } from "./types";
import { describeRefused, quoteProblem, validateBars } from "./validate";
import { isOnline } from "./online";

/** Per-symbol burst guard: at most this many live fetches of one kind per symbol per window. */
const THROTTLE_MAX = 6;
const THROTTLE_WINDOW_SEC = 10;

export interface ChainResult<T> {
  value: T;
  source: ProviderName;
  /** Why earlier providers did not answer, e.g. ["finnhub: HTTP 429", "polygon: skipped (rate_limited)"]. */
  fellThrough: string[];
}

export function liveProvidersEnabled(): boolean {
  return providerOrder().some((n) => n !== "shipped" && PROVIDERS[n].enabled());
}

/** Live data right now: a live provider is configured and the machine is not marked offline. */
export function liveMode(): "online" | "offline" | "off" {
  if (!liveProvidersEnabled()) return "off";
  return isOnline() ? "online" : "offline";
}

export async function runChain<T>({
  op,
  symbol,
  call,
  only,
  intervalMin,
}: {
  op: "quote" | "daily" | "intraday" | "overview";
  symbol: string;
  call: (p: MarketProvider) => Promise<T | null>;
  /** Restrict to these providers (e.g. intraday skips the daily-only shipped set). */
  only?: (name: ProviderName) => boolean;
  /** Intraday bars' interval: their regular-session and range checks need it. */
  intervalMin?: number;
}): Promise<ChainResult<T>> {
  const fellThrough: string[] = [];
  let liveNotFound = false;
  let liveFailed = false;
  let retryAfterSec = 30;
  let throttled: boolean | null = null;

  for (const name of providerOrder()) {
    const provider = PROVIDERS[name];
    if ((only && !only(name)) || !provider.enabled()) continue;
    if (name !== "shipped" && !isOnline()) {
      // A DNS or connect failure marked the machine offline: no live provider is tried until the mark expires.
      // Offline is not a provider failure: the answer is what the shipped set says (a symbol it lacks is
      // unknown here, as on an install without live providers), not "unavailable, retry".
      fellThrough.push(`${name}: skipped (offline)`);
      continue;
    }
    if (name !== "shipped") {
      throttled ??= (await cache.incr(`throttle:${op}:${symbol}`, { ttlSec: THROTTLE_WINDOW_SEC }).catch(() => 0)) > THROTTLE_MAX;
      if (throttled) {
        fellThrough.push(`${name}: skipped (throttled)`);
        liveFailed = true;
        continue;
      }
    }
    try {
      const raw = await guardedCall({ provider: name, op, call: () => call(provider) });
      const value = raw === null || name === "shipped" ? raw : checked({ op, symbol, source: name, value: raw, fellThrough, intervalMin });
      if (value !== null) return { value, source: name, fellThrough };
      if (raw === null) fellThrough.push(`${name}: not found`);
      if (name !== "shipped") liveNotFound = true;
    } catch (err) {
      if (name !== "shipped") liveFailed = true;
      if (err instanceof ProviderSkipped) fellThrough.push(`${name}: skipped (${err.reason})`);
      else if (err instanceof ProviderError) {
        fellThrough.push(err.message);
        if (err.retryAfterSec) retryAfterSec = Math.min(retryAfterSec, err.retryAfterSec);
      } else throw err;
    }
  }
  // A live provider that says "no such symbol" is authoritative; a shipped miss while every live
  // provider failed only means we cannot tell right now.
  if (liveFailed && !liveNotFound) {
    throw new AppError("unavailable", `No market data provider could serve ${op} for ${symbol} right now (${fellThrough.join("; ")})`, { retryAfterSec });
  }
  const damaged = isDegraded({ symbol });
  if (damaged) {
    throw new AppError("unavailable", `Market data for ${symbol} is unavailable: the stored data failed validation`, { retryAfterSec: 300 });
  }
  throw notFound(`Unknown symbol ${symbol}`);
}

/**
 * A live provider's answer with its bad bars dropped (or null when nothing valid is left, or its quote is
 * impossible); the symbol is marked degraded for that provider with the reason. The shipped set validates
 * its files as it loads them.
 */
function checked<T>({ op, symbol, source, value, fellThrough, intervalMin }: { op: string; symbol: string; source: ProviderName; value: T; fellThrough: string[]; intervalMin?: number }): T | null {
  if (Array.isArray(value)) {
    const { bars, refused } = validateBars(value as Bar[], { intervalMin });
    if (refused.length === 0) {
      clearDegraded({ symbol, source });
      return value;
    }
    const reason = `${op}: ${describeRefused(refused)}`;
    markDegraded({ symbol, source, reason });
    if (bars.length === 0) {
      fellThrough.push(`${source}: refused (${reason})`);
      return null;
    }
    return bars as T;
  }
  if (op === "quote") {
    const problem = quoteProblem(value as Quote);
    if (problem) {
      markDegraded({ symbol, source, reason: `quote: ${problem}` });
      fellThrough.push(`${source}: refused (quote: ${problem})`);
      return null;
    }
  }
  return value;
}
