import "server-only";
// Redis over TCP (REDIS_URL) with ioredis. The only file that imports ioredis.
// Commands never queue while disconnected (enableOfflineQueue: false) and time out quickly,
// so a Redis outage turns into fast errors the Cache answers from memory instead of hanging.
import { Redis } from "ioredis";
import { logger } from "@/lib/logger";
import { withTimeout } from "@/lib/health";
import type { RemoteBackend } from "./types";
import { INCR_WITH_TTL_SCRIPT, scriptSha } from "./types";

export type RedisConnection = Redis;

/** A raw ioredis connection with the fail-fast settings; tests use it to inspect and clean keys. */
export function createRedisConnection({ url, timeoutMs = 500 }: { url: string; timeoutMs?: number }): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: Math.max(timeoutMs, 200),
    commandTimeout: timeoutMs,
    // Keep reconnecting in the background (capped backoff) so the cache recovers on its own.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 3000),
  });
  let lastLogged = 0;
  client.on("error", (err: Error) => {
    // ioredis emits an error per failed reconnect; log at most every 30 s.
    const now = Date.now();
    if (now - lastLogged < 30_000) return;
    lastLogged = now;
    logger.warn("redis connection error", { backend: "redis", err: err.message });
  });
  return client;
}

export class RedisBackend implements RemoteBackend {
  readonly kind = "redis" as const;
  private readonly client: Redis;
  private readonly timeoutMs: number;
  private connecting: Promise<void> | null = null;

  constructor({ url, timeoutMs }: { url: string; timeoutMs: number }) {
    this.timeoutMs = timeoutMs;
    this.client = createRedisConnection({ url, timeoutMs });
  }

  /** With lazyConnect and no offline queue the first command would fail; connect explicitly, bounded by the timeout. */
  private async ready(): Promise<Redis> {
    const status = this.client.status;
    if (status === "ready") return this.client;
    if (status === "wait" || status === "end") {
      this.connecting ??= this.client.connect().finally(() => {
        this.connecting = null;
      });
    }
    if (this.connecting) await withTimeout(this.connecting, { ms: this.timeoutMs, what: "redis connect" });
    if (this.client.status !== "ready") throw new Error(`redis not connected (${this.client.status})`);
    return this.client;
  }

  async get(key: string): Promise<string | null> {
    return (await this.ready()).get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await (await this.ready()).set(key, value, "PX", Math.max(1, Math.round(ttlMs)));
  }

  async del(key: string): Promise<void> {
    await (await this.ready()).del(key);
  }

  async incr(key: string, ttlMs: number): Promise<number> {
    return Number(await this.eval(INCR_WITH_TTL_SCRIPT, [key], [Math.max(1, Math.round(ttlMs))]));
  }

  async eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    const client = await this.ready();
    try {
      return await client.evalsha(scriptSha(script), keys.length, ...keys, ...args);
    } catch (err) {
      if (!String(err).includes("NOSCRIPT")) throw err;
      return client.eval(script, keys.length, ...keys, ...args);
    }
  }

  async ping(): Promise<void> {
    await (await this.ready()).ping();
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
