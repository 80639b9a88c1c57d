// The cache every module uses. One class over all backends: values are JSON strings on every backend,
// a remote backend (Redis, Upstash) that errors or times out is bypassed for a short cool-down while
// the in-process store answers, and health() reports "degraded" until the remote answers again.
import { elapsedMs, errorMessage, withTimeout, type Health } from "@/lib/health";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { MemoryStore } from "./memory";
import type { CacheBackendKind, RemoteBackend } from "./types";

export interface CacheOptions {
  remote?: RemoteBackend;
  maxEntries: number;
  /** Prepended to every key (tests use a unique one per run). */
  keyPrefix?: string;
  /** Upper bound on one remote operation before the memory store answers. */
  timeoutMs?: number;
  /** After a remote failure, how long to go straight to memory before trying the remote again. */
  coolDownMs?: number;
}

type Loaded<T> = { value: T; hit: boolean };

export class Cache {
  readonly backend: CacheBackendKind;
  readonly keyPrefix: string;
  /** The in-process store: the whole cache for "memory", the fallback (and a warm copy) otherwise. */
  readonly memory: MemoryStore;
  /** The configured remote backend, if any (the rate limiter runs its own scripts on it). */
  readonly remote?: RemoteBackend;
  private readonly timeoutMs: number;
  private readonly coolDownMs: number;
  private readonly inflight = new Map<string, Promise<Loaded<unknown>>>();
  private failedAt: number | null = null;
  private lastError: string | null = null;
  /** Remote operations and probes that failed since start (tests assert it stays 0 against a live Redis). */
  remoteFailures = 0;

  constructor(opts: CacheOptions) {
    this.remote = opts.remote;
    this.backend = opts.remote?.kind ?? "memory";
    this.keyPrefix = opts.keyPrefix ?? "";
    this.memory = new MemoryStore({ maxEntries: opts.maxEntries });
    this.timeoutMs = opts.timeoutMs ?? 500;
    this.coolDownMs = opts.coolDownMs ?? 5000;
  }

  /**
   * Runs `remoteOp` against the remote backend with a timeout; on error, or while cooling down after
   * one, runs `memoryOp` on the in-process store instead. Never throws because of the remote.
   */
  async run<T>(name: string, remoteOp: (r: RemoteBackend) => Promise<T>, memoryOp: (m: MemoryStore) => T): Promise<T> {
    const remote = this.remote;
    if (!remote || this.coolingDown()) return memoryOp(this.memory);
    try {
      const result = await withTimeout(remoteOp(remote), { ms: this.timeoutMs, what: `${remote.kind} ${name}` });
      if (this.failedAt !== null) this.recovered();
      return result;
    } catch (err) {
      this.failed(err);
      return memoryOp(this.memory);
    }
  }

  async get<T>(key: string): Promise<T | null> {
    const k = this.keyPrefix + key;
    let served: CacheBackendKind = this.backend;
    const raw = await this.run(
      "get",
      (r) => r.get(k),
      (m) => {
        served = "memory";
        return m.get(k);
      },
    );
    const value = raw === null ? null : parseStored<T>(k, raw);
    metrics.cacheOps.inc({ backend: served, result: value === null ? "miss" : "hit" });
    return value;
  }

  async set<T>(key: string, value: T, { ttlSec }: { ttlSec: number }): Promise<void> {
    const k = this.keyPrefix + key;
    const raw = JSON.stringify(value);
    if (raw === undefined) throw new TypeError(`cache.set(${key}): value is not JSON-serializable`);
    const ttlMs = ttlToMs(ttlSec);
    // Remote backends also keep a copy in memory, so an outage starts with a warm fallback.
    if (this.remote) this.memory.set(k, raw, ttlMs);
    await this.run(
      "set",
      (r) => r.set(k, raw, ttlMs),
      (m) => m.set(k, raw, ttlMs),
    );
  }

  async del(key: string): Promise<void> {
    const k = this.keyPrefix + key;
    this.memory.del(k);
    await this.run(
      "del",
      (r) => r.del(k),
      () => undefined,
    );
  }

  /** Increments a counter; the TTL applies from the first increment and is not extended by later ones. */
  async incr(key: string, { ttlSec }: { ttlSec: number }): Promise<number> {
    const k = this.keyPrefix + key;
    const ttlMs = ttlToMs(ttlSec);
    return this.run(
      "incr",
      (r) => r.incr(k, ttlMs),
      (m) => m.incrBy(k, 1, ttlMs),
    );
  }

  /**
   * Returns the cached value, or loads, stores and returns it. Concurrent callers for the same key
   * share one lookup and one load (single-flight), so a cold key costs one upstream call.
   */
  getOrSet<T>(key: string, { ttlSec }: { ttlSec: number }, loader: () => Promise<T>): Promise<Loaded<T>> {
    const pending = this.inflight.get(key);
    if (pending) return pending as Promise<Loaded<T>>;
    const p = (async (): Promise<Loaded<T>> => {
      const cached = await this.get<T>(key);
      if (cached !== null) return { value: cached, hit: true };
      const value = await loader();
      logger.debug("cache fill", { backend: this.backend, key });
      if (value !== null && value !== undefined) await this.set(key, value, { ttlSec });
      return { value, hit: false };
    })().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  async health(): Promise<Health> {
    const started = performance.now();
    if (!this.remote) {
      return { status: "up", backend: "memory", latencyMs: elapsedMs(started), detail: `${this.memory.size} entries` };
    }
    try {
      await withTimeout(this.remote.ping(), { ms: this.timeoutMs, what: `${this.remote.kind} ping` });
      if (this.failedAt !== null) this.recovered();
      return { status: "up", backend: this.backend, latencyMs: elapsedMs(started) };
    } catch (err) {
      this.failed(err);
      return {
        status: "degraded",
        backend: this.backend,
        latencyMs: null,
        detail: `${this.backend} unavailable (${errorMessage(err)}); serving from the in-memory fallback`,
      };
    }
  }

  async close(): Promise<void> {
    await this.remote?.close();
  }

  private coolingDown(): boolean {
    return this.failedAt !== null && Date.now() - this.failedAt < this.coolDownMs;
  }

  private failed(err: unknown): void {
    this.remoteFailures++;
    const first = this.failedAt === null;
    this.failedAt = Date.now();
    this.lastError = errorMessage(err);
    metrics.cacheOps.inc({ backend: this.backend, result: "error" });
    if (first) logger.warn("cache backend failed; serving from memory", { backend: this.backend, err: this.lastError });
  }

  private recovered(): void {
    logger.info("cache backend recovered", { backend: this.backend, after: this.lastError });
    this.failedAt = null;
    this.lastError = null;
  }
}

function ttlToMs(ttlSec: number): number {
  if (!(ttlSec > 0) || !Number.isFinite(ttlSec)) throw new RangeError(`ttlSec must be a positive number, got ${ttlSec}`);
  return Math.max(1, Math.round(ttlSec * 1000));
}

/** A value another writer left in a shape we cannot read is a miss, not a crash. */
function parseStored<T>(key: string, raw: string): T | null {
  try {
    return JSON.parse(raw) as T;
  } catch {
    logger.warn("cache value is not JSON; treating as a miss", { key, bytes: raw.length });
    return null;
  }
}
