// The cache contract: the same cases run against every backend (memory, Redis over TCP, Upstash REST).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cache } from "@/lib/cache";
import { metrics } from "@/lib/metrics";

export interface ContractTarget {
  cache: Cache;
  /** Reads a key's raw stored string straight from the backing store (null when absent). */
  raw(fullKey: string): Promise<string | null>;
  teardown(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function cacheOpsCount(backend: string, result: string): Promise<number> {
  const { values } = await metrics.cacheOps.get();
  return values.find((v) => v.labels.backend === backend && v.labels.result === result)?.value ?? 0;
}

export function cacheContract(name: "memory" | "redis" | "upstash", setup: () => Promise<ContractTarget>): void {
  describe(`cache contract: ${name}`, () => {
    let t: ContractTarget;
    let cache: Cache;
    beforeAll(async () => {
      t = await setup();
      cache = t.cache;
    });
    afterAll(async () => {
      // Every case above must have been answered by the backend under test, not the memory fallback.
      const failures = cache?.remoteFailures;
      await t?.teardown();
      expect(failures).toBe(0);
    });

    it("reports its backend and is up", async () => {
      expect(cache.backend).toBe(name);
      const h = await cache.health();
      expect(h.status).toBe("up");
      expect(h.backend).toBe(name);
      expect(typeof h.latencyMs).toBe("number");
    });

    it("returns null for a missing key", async () => {
      expect(await cache.get("missing")).toBeNull();
    });

    it("round-trips JSON values and stores them as JSON text", async () => {
      const quote = { symbol: "AAPL", price: 170.73, change: -1.39, bars: [{ d: "2024-03-08", c: 170.73 }], note: "Zürich ✓", nil: null };
      await cache.set("av:quote:AAPL", quote, { ttlSec: 60 });
      expect(await cache.get("av:quote:AAPL")).toEqual(quote);
      expect(await t.raw(cache.keyPrefix + "av:quote:AAPL")).toBe(JSON.stringify(quote));
      await cache.set("n", 42, { ttlSec: 60 });
      await cache.set("s", "text", { ttlSec: 60 });
      await cache.set("arr", [1, "two", false], { ttlSec: 60 });
      expect([await cache.get("n"), await cache.get("s"), await cache.get("arr")]).toEqual([42, "text", [1, "two", false]]);
    });

    it("keeps a snapshot: mutating the object after set does not change the cached value", async () => {
      const value = { list: [1, 2, 3] };
      await cache.set("snapshot", value, { ttlSec: 60 });
      value.list.push(4);
      const got = await cache.get<{ list: number[] }>("snapshot");
      expect(got?.list).toEqual([1, 2, 3]);
      got?.list.push(5);
      expect((await cache.get<{ list: number[] }>("snapshot"))?.list).toEqual([1, 2, 3]);
    });

    it("expires entries after their TTL", async () => {
      await cache.set("short", { v: 1 }, { ttlSec: 0.3 });
      await cache.set("long", { v: 2 }, { ttlSec: 30 });
      expect(await cache.get("short")).toEqual({ v: 1 });
      await sleep(450);
      expect(await cache.get("short")).toBeNull();
      expect(await cache.get("long")).toEqual({ v: 2 });
    });

    it("overwrites and deletes", async () => {
      await cache.set("k", "first", { ttlSec: 60 });
      await cache.set("k", "second", { ttlSec: 60 });
      expect(await cache.get("k")).toBe("second");
      await cache.del("k");
      expect(await cache.get("k")).toBeNull();
      expect(await t.raw(cache.keyPrefix + "k")).toBeNull();
      await cache.del("never-set");
    });

    it("increments counters with a TTL set on the first increment only", async () => {
      expect(await cache.incr("throttle:av:AAPL", { ttlSec: 1 })).toBe(1);
      expect(await cache.incr("throttle:av:AAPL", { ttlSec: 1 })).toBe(2);
      await sleep(400);
      // A later increment must not push the expiry out (else the key would live until ~1.4 s).
      expect(await cache.incr("throttle:av:AAPL", { ttlSec: 1 })).toBe(3);
      expect(await cache.get("throttle:av:AAPL")).toBe(3);
      await sleep(750);
      expect(await cache.get("throttle:av:AAPL")).toBeNull();
      expect(await cache.incr("throttle:av:AAPL", { ttlSec: 1 })).toBe(1);
    });

    it("getOrSet loads on a miss, then serves the stored value", async () => {
      let calls = 0;
      const loader = async () => ({ symbol: "MSFT", calls: ++calls });
      const first = await cache.getOrSet("av:daily:MSFT", { ttlSec: 60 }, loader);
      const second = await cache.getOrSet("av:daily:MSFT", { ttlSec: 60 }, loader);
      expect(first).toEqual({ value: { symbol: "MSFT", calls: 1 }, hit: false });
      expect(second).toEqual({ value: { symbol: "MSFT", calls: 1 }, hit: true });
      expect(calls).toBe(1);
    });

    it("getOrSet is single-flight: concurrent callers of a cold key share one load", async () => {
      let calls = 0;
      const loader = async () => {
        calls++;
        await sleep(50);
        return { n: calls };
      };
      const results = await Promise.all(Array.from({ length: 20 }, () => cache.getOrSet("cold", { ttlSec: 60 }, loader)));
      expect(calls).toBe(1);
      expect(new Set(results.map((r) => JSON.stringify(r.value)))).toEqual(new Set([JSON.stringify({ n: 1 })]));
      expect(await cache.get("cold")).toEqual({ n: 1 });
    });

    it("getOrSet does not cache a failed load", async () => {
      let calls = 0;
      const failing = async (): Promise<number> => {
        calls++;
        throw new Error("provider down");
      };
      await expect(cache.getOrSet("flaky", { ttlSec: 60 }, failing)).rejects.toThrow("provider down");
      expect(await cache.get("flaky")).toBeNull();
      expect(await cache.getOrSet("flaky", { ttlSec: 60 }, async () => 7)).toEqual({ value: 7, hit: false });
      expect(calls).toBe(1);
    });

    it("counts hits and misses in the cache_operations_total metric", async () => {
      const hits = await cacheOpsCount(name, "hit");
      const misses = await cacheOpsCount(name, "miss");
      await cache.set("metric", 1, { ttlSec: 60 });
      await cache.get("metric");
      await cache.get("metric");
      await cache.get("metric-missing");
      expect((await cacheOpsCount(name, "hit")) - hits).toBe(2);
      expect((await cacheOpsCount(name, "miss")) - misses).toBe(1);
    });

    it("rejects values that are not JSON and non-positive TTLs", async () => {
      await expect(cache.set("bad", undefined, { ttlSec: 60 })).rejects.toThrow(TypeError);
      await expect(cache.set("bad", 1, { ttlSec: 0 })).rejects.toThrow(RangeError);
    });
  });
}
