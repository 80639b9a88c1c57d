// The sliding-window algorithm of @upstash/ratelimit (Ratelimit.slidingWindow, single region):
// a counter per fixed window, with the previous window's count weighted by how much of it still
// overlaps the sliding window. The Lua script is @upstash/ratelimit's own (MIT), minus dynamic limits;
// the memory version is the same arithmetic, so every backend gives identical counts.
import type { MemoryStore } from "@/lib/cache/memory";

export interface RateLimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /**
   * Epoch ms. Refused: when the next request would be admitted, which is what Retry-After reports (the
   * window slides, so its end is not that moment). Admitted: when the current window ends.
   */
  resetMs: number;
}

/**
 * When a refused caller's next request would be admitted. The sliding count at time t is
 * floor((1 - p) * previous) + current, with p the elapsed fraction of the current window; it admits once
 * that is below the limit. Refused requests are not counted, so the counts only fall from here.
 */
export function nextAdmissionMs({ previous, current, limit, windowMs, now }: { previous: number; current: number; limit: number; windowMs: number; now: number }): number {
  const start = Math.floor(now / windowMs) * windowMs;
  // The same floating-point expression the limiter evaluates, so the reported moment is the one it admits.
  const admits = (t: number, prev: number, cur: number) => Math.floor((1 - (t % windowMs) / windowMs) * prev) + cur < limit;
  const firstAdmitting = (from: number, to: number, prev: number, cur: number): number | null => {
    for (let t = Math.max(now, from); t < to; t++) if (admits(t, prev, cur)) return t;
    return null;
  };
  // Within this window: admits once (1 - p) * previous < limit - current, i.e. p > 1 - (limit - current) / previous.
  if (current < limit) {
    if (previous <= 0) return now;
    const guess = start + Math.floor((1 - (limit - current) / previous) * windowMs) - 2;
    const t = firstAdmitting(guess, start + windowMs, previous, current);
    if (t !== null) return t;
  }
  // In the next window this window's count becomes the previous one and nothing is current yet.
  const next = start + windowMs;
  const guess = next + Math.max(0, Math.floor((1 - limit / current) * windowMs) - 2);
  return firstAdmitting(guess, next + windowMs, current, 0) ?? next + windowMs;
}

/**
 * KEYS: current, previous window counters. ARGV: limit, now (ms), window (ms), increment. Returns
 * {remaining, limit}, and when refusing {-1, limit, previous count, current count} so the caller can say
 * when the next request would be admitted.
 */
export const SLIDING_WINDOW_SCRIPT = `
  local currentKey  = KEYS[1]
  local previousKey = KEYS[2]
  local tokens      = tonumber(ARGV[1])
  local now         = ARGV[2]
  local window      = ARGV[3]
  local incrementBy = tonumber(ARGV[4])

  local requestsInCurrentWindow = redis.call("GET", currentKey)
  if requestsInCurrentWindow == false then
    requestsInCurrentWindow = 0
  end

  local requestsInPreviousWindow = redis.call("GET", previousKey)
  if requestsInPreviousWindow == false then
    requestsInPreviousWindow = 0
  end
  local percentageInCurrent = ( now % window ) / window
  requestsInPreviousWindow = math.floor(( 1 - percentageInCurrent ) * requestsInPreviousWindow)

  if incrementBy > 0 and requestsInPreviousWindow + requestsInCurrentWindow >= tokens then
    return {-1, tokens, tonumber(redis.call("GET", previousKey) or 0), tonumber(requestsInCurrentWindow)}
  end

  local newValue = redis.call("INCRBY", currentKey, incrementBy)
  if newValue == incrementBy then
    redis.call("PEXPIRE", currentKey, window * 2 + 1000)
  end
  return {tokens - ( newValue + requestsInPreviousWindow ), tokens}
`;

export interface WindowSpec {
  /** Key without the window index, e.g. "rl:ip:1.2.3.4". */
  base: string;
  limit: number;
  windowMs: number;
  now: number;
}

export function windowKeys({ base, windowMs, now }: Pick<WindowSpec, "base" | "windowMs" | "now">) {
  const current = Math.floor(now / windowMs);
  return { currentKey: `${base}:${current}`, previousKey: `${base}:${current - 1}`, resetMs: (current + 1) * windowMs };
}

/** Converts the script's reply into a result (remaining -1 means refused). */
export function toResult(reply: unknown, spec: Pick<WindowSpec, "windowMs" | "now">): RateLimitResult {
  if (!Array.isArray(reply) || reply.length < 2) throw new Error(`unexpected rate-limit script reply: ${JSON.stringify(reply)}`);
  const remaining = Number(reply[0]);
  const limit = Number(reply[1]);
  const success = remaining >= 0;
  const resetMs = success
    ? (Math.floor(spec.now / spec.windowMs) + 1) * spec.windowMs
    : nextAdmissionMs({ previous: Number(reply[2] ?? 0), current: Number(reply[3] ?? limit), limit, windowMs: spec.windowMs, now: spec.now });
  return { success, limit, remaining: Math.max(0, remaining), resetMs };
}

/** The script's arithmetic on the in-process store; synchronous, hence atomic. */
export function slidingWindowInMemory(store: MemoryStore, spec: WindowSpec): RateLimitResult {
  const { currentKey, previousKey } = windowKeys(spec);
  const current = Number(store.get(currentKey) ?? 0);
  const previousRaw = Number(store.get(previousKey) ?? 0);
  const percentageInCurrent = (spec.now % spec.windowMs) / spec.windowMs;
  const previous = Math.floor((1 - percentageInCurrent) * previousRaw);
  if (previous + current >= spec.limit) return toResult([-1, spec.limit, previousRaw, current], spec);
  const next = store.incrBy(currentKey, 1, spec.windowMs * 2 + 1000);
  return toResult([spec.limit - (next + previous), spec.limit], spec);
}
