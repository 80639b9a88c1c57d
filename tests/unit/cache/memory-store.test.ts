import { describe, expect, it } from "vitest";
import { createCache } from "@/lib/cache";
import { MemoryStore } from "@/lib/cache/memory";

describe("memory store", () => {
  it("evicts the least recently used entry beyond maxEntries", () => {
    const store = new MemoryStore({ maxEntries: 10 });
    for (let i = 0; i < 10; i++) store.set(`k${i}`, String(i), 60_000);
    expect(store.get("k0")).toBe("0"); // touch k0 so k1 becomes the oldest
    store.set("k10", "10", 60_000);
    expect(store.size).toBe(10);
    expect(store.get("k1")).toBeNull();
    expect(store.get("k0")).toBe("0");
    expect(store.get("k10")).toBe("10");
  });

  it("keeps the first TTL on later increments", async () => {
    // A TTL long enough that a loaded machine's late timers cannot expire the key between the increments.
    const ttlMs = 2000;
    const store = new MemoryStore({ maxEntries: 10 });
    const created = performance.now();
    expect(store.incrBy("c", 1, ttlMs)).toBe(1);
    await new Promise((r) => setTimeout(r, 150));
    expect(store.incrBy("c", 2, ttlMs)).toBe(3);
    const left = store.ttlMs("c");
    const elapsed = performance.now() - created;
    expect(left).not.toBeNull();
    // Counting from the first increment, not the second (which would leave ~ttlMs).
    expect(left!).toBeLessThanOrEqual(ttlMs - elapsed + 2);
    await new Promise((r) => setTimeout(r, left! + 50));
    expect(store.get("c")).toBeNull();
  });

  it("refuses to increment a non-numeric value", () => {
    const store = new MemoryStore({ maxEntries: 10 });
    store.set("s", JSON.stringify("text"), 1000);
    expect(() => store.incrBy("s", 1, 1000)).toThrow(/not a number/);
  });

  it("the memory cache honours CACHE_MAX_ENTRIES through createCache", async () => {
    const cache = createCache({ backend: "memory" }, { maxEntries: 10 });
    for (let i = 0; i < 25; i++) await cache.set(`k${i}`, i, { ttlSec: 60 });
    expect(cache.memory.size).toBe(10);
    expect(await cache.get("k14")).toBeNull();
    expect(await cache.get("k24")).toBe(24);
  });

  it("treats a stored value that is not JSON as a miss", async () => {
    const cache = createCache({ backend: "memory" }, { maxEntries: 10 });
    cache.memory.set("legacy", "{not json", 60_000);
    expect(await cache.get("legacy")).toBeNull();
  });
});
