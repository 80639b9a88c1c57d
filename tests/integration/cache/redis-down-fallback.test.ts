// Redis down: the cache keeps serving from memory, health says "degraded", nothing hangs or throws.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { cache as appCache, createCache } from "@/lib/cache";
import { createRateLimiter, rateLimiter } from "@/lib/rate-limit";
import { resetServicesForTests } from "@/lib/services";
import { startTcpProxy } from "../../support/tcp-proxy";
import { connectRedis, deleteByPrefix, redisUrl, uniquePrefix } from "./redis-test-env";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const startProxy = (target: URL, port = 0) => startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) }, port);

describe("cache with Redis down", () => {
  afterAll(async () => {
    await resetServicesForTests();
  });

  it("serves from memory and reports degraded when REDIS_URL points at a closed port", async () => {
    const port = await closedPort();
    const cache = createCache({ backend: "redis", url: `redis://127.0.0.1:${port}` }, { timeoutMs: 300 });
    const started = performance.now();
    await cache.set("av:quote:AAPL", { price: 170.73 }, { ttlSec: 60 });
    expect(await cache.get("av:quote:AAPL")).toEqual({ price: 170.73 });
    expect(await cache.incr("throttle:av:AAPL", { ttlSec: 60 })).toBe(1);
    expect(await cache.incr("throttle:av:AAPL", { ttlSec: 60 })).toBe(2);
    let loads = 0;
    const loaded = await cache.getOrSet("av:daily:AAPL", { ttlSec: 60 }, async () => ({ n: ++loads }));
    expect(loaded).toEqual({ value: { n: 1 }, hit: false });
    expect(await cache.getOrSet("av:daily:AAPL", { ttlSec: 60 }, async () => ({ n: ++loads }))).toEqual({ value: { n: 1 }, hit: true });
    const limiter = createRateLimiter({ cache });
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await limiter.limit({ key: "ip:down", limit: 3, windowSec: 60 })).success);
    expect(results.filter(Boolean).length).toBe(3);
    expect(results[3]).toBe(false);

    const health = await cache.health();
    expect(health.status).toBe("degraded");
    expect(health.backend).toBe("redis");
    expect(health.detail).toMatch(/in-memory fallback/);
    expect(cache.remoteFailures).toBeGreaterThan(0);
    // Fails fast: one connect attempt, then the cool-down keeps later calls off the network.
    expect(performance.now() - started).toBeLessThan(3000);
    await cache.close();
  });

  it("keeps serving warm values through an outage and recovers when Redis returns", async () => {
    const conn = await connectRedis();
    const keyPrefix = uniquePrefix("fallback");
    const target = new URL(redisUrl());
    let proxy = await startProxy(target);
    const port = proxy.port;
    // The proxy forwards bytes only: the database number (REDIS_URL=redis://host/1) must travel in the URL.
    const cache = createCache({ backend: "redis", url: `redis://127.0.0.1:${port}${target.pathname}` }, { keyPrefix, timeoutMs: 300, coolDownMs: 200 });
    try {
      await cache.set("av:quote:MSFT", { price: 406.22 }, { ttlSec: 60 });
      expect(await conn.get(`${keyPrefix}av:quote:MSFT`)).toBe(JSON.stringify({ price: 406.22 }));
      expect((await cache.health()).status).toBe("up");

      await proxy.stop();
      expect(await cache.get("av:quote:MSFT")).toEqual({ price: 406.22 });
      await cache.set("during", "outage", { ttlSec: 60 });
      expect(await cache.get("during")).toBe("outage");
      const down = await cache.health();
      expect(down.status).toBe("degraded");

      proxy = await startProxy(target, port);
      // ioredis reconnects in the background; wait for the next successful probe.
      let status = "degraded";
      for (let i = 0; i < 50 && status !== "up"; i++) {
        await sleep(200);
        status = (await cache.health()).status;
      }
      expect(status).toBe("up");
      await sleep(250);
      await cache.set("after", "recovery", { ttlSec: 60 });
      expect(await conn.get(`${keyPrefix}after`)).toBe(JSON.stringify("recovery"));
    } finally {
      await cache.close();
      await proxy.stop();
      await deleteByPrefix(conn, keyPrefix);
      conn.disconnect();
    }
  });

  it("the app cache built from REDIS_URL degrades instead of failing", async () => {
    const port = await closedPort();
    const previous = process.env.REDIS_URL;
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    try {
      await resetServicesForTests();
      expect(appCache.backend).toBe("redis");
      await appCache.set("k", { ok: true }, { ttlSec: 30 });
      expect(await appCache.get("k")).toEqual({ ok: true });
      expect((await rateLimiter.limit({ key: "app", limit: 2, windowSec: 10 })).remaining).toBe(1);
      expect((await appCache.health()).status).toBe("degraded");
    } finally {
      if (previous === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = previous;
    }
  });

  it("Upstash unreachable: serves from memory and reports degraded", async () => {
    const port = await closedPort();
    const cache = createCache({ backend: "upstash", url: `http://127.0.0.1:${port}`, token: "t" }, { timeoutMs: 300 });
    await cache.set("a", [1, 2], { ttlSec: 60 });
    expect(await cache.get("a")).toEqual([1, 2]);
    const h = await cache.health();
    expect(h).toMatchObject({ status: "degraded", backend: "upstash", latencyMs: null });
  });
});
