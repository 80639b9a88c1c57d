import "server-only";
// The app's cache: `import { cache } from "@/lib/cache"`. The backend follows configuration:
// Upstash REST when UPSTASH_REDIS_REST_URL/TOKEN are set, else Redis over TCP when REDIS_URL is set,
// else the in-process LRU. Built on first use so importing this module never opens a connection.
import { getEnv } from "@/env";
import { dropService, processService, replaceService } from "@/lib/services";
import { Cache } from "./cache";
import { RedisBackend } from "./redis";
import type { RemoteBackend } from "./types";
import { UpstashBackend } from "./upstash";

export { Cache } from "./cache";
export type { CacheOptions } from "./cache";
export type { CacheBackendKind, RemoteBackend } from "./types";

export type CacheConfig =
  | { backend: "memory" }
  | { backend: "redis"; url: string }
  | { backend: "upstash"; url: string; token: string };

/** Builds a cache for an explicit configuration (the app uses the env-derived one; tests build their own). */
export function createCache(
  config: CacheConfig,
  opts: { maxEntries?: number; keyPrefix?: string; timeoutMs?: number; coolDownMs?: number } = {},
): Cache {
  const timeoutMs = opts.timeoutMs ?? 500;
  let remote: RemoteBackend | undefined;
  if (config.backend === "redis") remote = new RedisBackend({ url: config.url, timeoutMs });
  if (config.backend === "upstash") remote = new UpstashBackend({ url: config.url, token: config.token, timeoutMs });
  return new Cache({ remote, maxEntries: opts.maxEntries ?? 5000, keyPrefix: opts.keyPrefix, timeoutMs, coolDownMs: opts.coolDownMs });
}

export function cacheConfigFromEnv(): CacheConfig {
  const env = getEnv();
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    return { backend: "upstash", url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN };
  }
  if (env.REDIS_URL) return { backend: "redis", url: env.REDIS_URL };
  return { backend: "memory" };
}

const closeCache = (c: Cache) => c.close();

export function getCache(): Cache {
  return processService(
    "cache",
    () => {
      const env = getEnv();
      return createCache(cacheConfigFromEnv(), { maxEntries: env.CACHE_MAX_ENTRIES, timeoutMs: env.CACHE_TIMEOUT_MS });
    },
    closeCache,
  );
}

/** Makes `c` the app's cache (tests: one with its own key prefix), closing the one it replaces. */
export async function useCache(c: Cache): Promise<void> {
  await dropService("cache");
  replaceService("cache", c, closeCache);
}

type CacheApi = Pick<Cache, "get" | "set" | "del" | "incr" | "getOrSet" | "health" | "backend">;

export const cache: CacheApi = {
  get<T>(key: string) {
    return getCache().get<T>(key);
  },
  set<T>(key: string, value: T, opts: { ttlSec: number }) {
    return getCache().set<T>(key, value, opts);
  },
  del(key: string) {
    return getCache().del(key);
  },
  incr(key: string, opts: { ttlSec: number }) {
    return getCache().incr(key, opts);
  },
  getOrSet<T>(key: string, opts: { ttlSec: number }, loader: () => Promise<T>) {
    return getCache().getOrSet<T>(key, opts, loader);
  },
  health() {
    return getCache().health();
  },
  get backend() {
    return getCache().backend;
  },
};
