import "server-only";
// Upstash Redis over its REST API (UPSTASH_REDIS_REST_URL/TOKEN). The only file that imports @upstash/redis.
import { Redis } from "@upstash/redis";
import type { RemoteBackend } from "./types";
import { INCR_WITH_TTL_SCRIPT, scriptSha } from "./types";

export type UpstashClient = Redis;

export class UpstashBackend implements RemoteBackend {
  readonly kind = "upstash" as const;
  /** Exposed for @upstash/ratelimit, which takes the client itself. */
  readonly client: Redis;

  constructor({ url, token, timeoutMs }: { url: string; token: string; timeoutMs: number }) {
    this.client = new Redis({
      url,
      token,
      // Values are JSON strings we serialize ourselves, identical on every backend.
      automaticDeserialization: false,
      enableTelemetry: false,
      // No retries with backoff: an outage should fall back to memory at once, not after seconds.
      retry: { retries: 0 },
      signal: () => AbortSignal.timeout(timeoutMs),
    });
  }

  async get(key: string): Promise<string | null> {
    const v = await this.client.get<string>(key);
    return v === null || v === undefined ? null : String(v);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.client.set(key, value, { px: Math.max(1, Math.round(ttlMs)) });
  }

  async del(key: string): Promise<void> {
    await this.client.del(key);
  }

  async incr(key: string, ttlMs: number): Promise<number> {
    return Number(await this.eval(INCR_WITH_TTL_SCRIPT, [key], [Math.max(1, Math.round(ttlMs))]));
  }

  async eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    const argv = args.map(String);
    try {
      return await this.client.evalsha(scriptSha(script), keys, argv);
    } catch (err) {
      if (!String(err).includes("NOSCRIPT")) throw err;
      return this.client.eval(script, keys, argv);
    }
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    // HTTP: nothing to close.
  }
}
