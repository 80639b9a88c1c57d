// In-process store: LRU bounded by entry count, per-entry TTL. Synchronous, so a read-modify-write
// (incr, the sliding-window limiter) is atomic within the process without locks.
import { LRUCache } from "lru-cache";

export class MemoryStore {
  private readonly lru: LRUCache<string, string>;

  constructor({ maxEntries }: { maxEntries: number }) {
    this.lru = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false, allowStale: false });
  }

  get(key: string): string | null {
    return this.lru.get(key) ?? null;
  }

  set(key: string, value: string, ttlMs: number): void {
    this.lru.set(key, value, { ttl: Math.max(1, Math.round(ttlMs)) });
  }

  del(key: string): void {
    this.lru.delete(key);
  }

  /** Adds `by` to a numeric entry; the TTL is set when the entry is created and kept on later increments. */
  incrBy(key: string, by: number, ttlMs: number): number {
    const current = this.lru.get(key);
    const next = (current === undefined ? 0 : Number(JSON.parse(current))) + by;
    if (!Number.isFinite(next)) throw new Error(`cache value at ${key} is not a number`);
    if (current === undefined) this.set(key, String(next), ttlMs);
    else this.lru.set(key, String(next), { noUpdateTTL: true });
    return next;
  }

  /** Remaining lifetime in ms, or null when the key is absent. */
  ttlMs(key: string): number | null {
    if (!this.lru.has(key)) return null;
    return this.lru.getRemainingTTL(key);
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }
}
