// The sliding-window algorithm of @upstash/ratelimit (Ratelimit.slidingWindow, single region):
// a counter per fixed window, with the previous window's count weighted by how much of it still
// overlaps the sliding window. The Lua script is @upstash/ratelimit's own (MIT), minus dynamic limits;
// the memory version is the same arithmetic, so every backend gives identical counts.
import type { MemoryStore } from "@/lib/cache/memory";

export interface RateLimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends (epoch ms). */
  resetMs: number;
}

/** KEYS: current, previous window counters. ARGV: limit, now (ms), window (ms), increment. Returns {remaining, limit}. */
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
    return {-1, tokens}
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

/** Converts the script's {remaining, limit} reply into a result (remaining -1 means refused). */
export function toResult(reply: unknown, resetMs: number): RateLimitResult {
  if (!Array.isArray(reply) || reply.length < 2) throw new Error(`unexpected rate-limit script reply: ${JSON.stringify(reply)}`);
  const remaining = Number(reply[0]);
  return { success: remaining >= 0, limit: Number(reply[1]), remaining: Math.max(0, remaining), resetMs };
}

/** The script's arithmetic on the in-process store; synchronous, hence atomic. */
export function slidingWindowInMemory(store: MemoryStore, spec: WindowSpec): RateLimitResult {
  const { currentKey, previousKey, resetMs } = windowKeys(spec);
  const current = Number(store.get(currentKey) ?? 0);
  const previousRaw = Number(store.get(previousKey) ?? 0);
  const percentageInCurrent = (spec.now % spec.windowMs) / spec.windowMs;
  const previous = Math.floor((1 - percentageInCurrent) * previousRaw);
  if (previous + current >= spec.limit) return toResult([-1, spec.limit], resetMs);
  const next = store.incrBy(currentKey, 1, spec.windowMs * 2 + 1000);
  return toResult([spec.limit - (next + previous), spec.limit], resetMs);
}
