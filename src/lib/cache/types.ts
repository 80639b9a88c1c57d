// The raw operations a remote cache backend provides. Values are already JSON strings here;
// serialization, fallback and metrics live in the Cache above the backends.
import { createHash } from "node:crypto";

export type CacheBackendKind = "memory" | "upstash" | "redis";

export interface RemoteBackend {
  readonly kind: "upstash" | "redis";
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  del(key: string): Promise<void>;
  /** INCR with a PEXPIRE on the first increment, in one atomic step. */
  incr(key: string, ttlMs: number): Promise<number>;
  /** Runs a Lua script atomically (EVALSHA, falling back to EVAL when the script is not loaded). */
  eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** INCR that sets the expiry only when the key is new, so the window does not slide on every hit. */
export const INCR_WITH_TTL_SCRIPT = `
local v = redis.call("INCR", KEYS[1])
if v == 1 then redis.call("PEXPIRE", KEYS[1], ARGV[1]) end
return v
`;

const shas = new Map<string, string>();
/** SHA-1 of a Lua script for EVALSHA, computed once per script (the rate limiter evals on every request). */
export function scriptSha(script: string): string {
  let sha = shas.get(script);
  if (!sha) shas.set(script, (sha = createHash("sha1").update(script).digest("hex")));
  return sha;
}
