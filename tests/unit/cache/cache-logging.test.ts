// Cache events go through the structured logger: one JSON line when the remote fails over to memory.
import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetServicesForTests } from "@/lib/services";
import { createCache } from "@/lib/cache";

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("cache logging", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    resetServicesForTests();
  });

  it("is silent by default under test", async () => {
    const writes = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const cache = createCache({ backend: "redis", url: `redis://127.0.0.1:${await closedPort()}` }, { timeoutMs: 200 });
    await cache.get("k");
    await cache.close();
    expect(writes.mock.calls.filter(([chunk]) => String(chunk).includes("cache backend failed"))).toEqual([]);
  });

  it("logs one structured warning when the remote backend fails over to memory", async () => {
    vi.stubEnv("LOG_LEVEL", "warn");
    resetServicesForTests();
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const port = await closedPort();
    const cache = createCache({ backend: "redis", url: `redis://127.0.0.1:${port}` }, { timeoutMs: 200 });
    await cache.get("a");
    await cache.get("b");
    await cache.close();
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.msg === "cache backend failed; serving from memory");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ level: "warn", backend: "redis" });
    expect(String(events[0].err)).toMatch(/ECONNREFUSED|connect|not connected/i);
  });
});
