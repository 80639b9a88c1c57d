// `npm test` on a machine with redis-server installed but not running: the global setup starts one.
import { describe, expect, it } from "vitest";
import { createCache } from "@/lib/cache";
import { startThrowawayRedis } from "../../support/throwaway-redis";

describe("throwaway redis-server for the test run", () => {
  it("starts a real Redis on a free loopback port that the app's cache uses, and stops it", async () => {
    const redis = await startThrowawayRedis();
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const cache = createCache({ backend: "redis", url: redis.url }, { timeoutMs: 2000 });
    try {
      await cache.set("throwaway", { ok: 1 }, { ttlSec: 30 });
      expect(await cache.get("throwaway")).toEqual({ ok: 1 });
      expect((await cache.health()).status).toBe("up");
    } finally {
      await cache.close();
      redis.stop();
    }
    const after = createCache({ backend: "redis", url: redis.url }, { timeoutMs: 300 });
    for (let i = 0; i < 20 && (await after.health()).status === "up"; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await after.health()).status).toBe("degraded");
    await after.close();
  });
});
