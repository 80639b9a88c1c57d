import { afterEach, describe, expect, it, vi } from "vitest";
import { getEnv } from "@/env";
import { cache } from "@/lib/cache";
import { dropService, onServicesReset, processService, resetServicesForTests } from "@/lib/services";

afterEach(async () => {
  vi.unstubAllEnvs();
  delete process.env.CACHE_MAX_ENTRIES;
  await resetServicesForTests();
});

describe("process-wide services", () => {
  it("builds a service once and hands the same instance to every caller", () => {
    let built = 0;
    const a = processService("storage", () => ({ n: ++built }));
    const b = processService("storage", () => ({ n: ++built }));
    expect(a).toBe(b);
    expect(built).toBe(1);
  });

  it("one reset closes every service (queue, then worker threads, database last), forgets the environment and registered state", async () => {
    const closed: string[] = [];
    processService("db", () => "db", () => closed.push("db"));
    processService("queue", () => "queue", () => closed.push("queue"));
    processService("cache", () => "cache", () => closed.push("cache"));
    processService("workers", () => "workers", () => closed.push("workers"));
    let forgotten = 0;
    onServicesReset(() => forgotten++);
    process.env.CACHE_MAX_ENTRIES = "123";
    expect(getEnv().CACHE_MAX_ENTRIES).toBe(123);
    process.env.CACHE_MAX_ENTRIES = "456";
    expect(getEnv().CACHE_MAX_ENTRIES).toBe(123); // parsed once

    await resetServicesForTests();
    expect(closed).toEqual(["queue", "workers", "cache", "db"]);
    expect(forgotten).toBe(1);
    expect(getEnv().CACHE_MAX_ENTRIES).toBe(456);
    expect(processService("db", () => "new db")).toBe("new db");
  });

  it("keeps the services it is told to keep and forgets the rest synchronously", async () => {
    const kept = processService("cache", () => ({ kept: true }));
    processService("storage", () => ({ dropped: true }));
    const pending = resetServicesForTests({ keep: ["cache"] });
    expect(processService("cache", () => ({ kept: false }))).toBe(kept);
    expect(processService("storage", () => ({ dropped: false }))).toEqual({ dropped: false });
    await pending;
    await resetServicesForTests({ keep: "all" });
    expect(processService("cache", () => ({ kept: false }))).toBe(kept);
  });

  it("dropService with an instance drops it only while it is still the current one", async () => {
    const first = processService("db", () => ({ id: 1 }));
    await dropService("db");
    const second = processService("db", () => ({ id: 2 }));
    await dropService("db", first);
    expect(processService("db", () => ({ id: 3 }))).toBe(second);
  });

  it("the app cache is rebuilt from the current settings after a reset", async () => {
    vi.stubEnv("REDIS_URL", "");
    vi.stubEnv("UPSTASH_REDIS_REST_URL", "");
    await resetServicesForTests();
    expect(cache.backend).toBe("memory");
    await cache.set("k", 1, { ttlSec: 60 });
    expect(await cache.get("k")).toBe(1);
    await resetServicesForTests();
    expect(await cache.get("k")).toBeNull();
    vi.unstubAllEnvs();
  });
});
