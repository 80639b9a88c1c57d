import { describe, expect, it } from "vitest";
import type { Health } from "@/lib/health";
import type { ProviderHealth } from "@/server/market/types";
import { collectStatus, type StatusProbes } from "@/server/status/collect-status";

const up = (backend: string, latencyMs = 1.5): Health => ({ status: "up", backend, latencyMs });
const shipped: ProviderHealth = { name: "shipped", enabled: true, status: "up", state: "ok", latencyMs: 0.4, detail: "8 symbols" };
const finnhubOff: ProviderHealth = { name: "finnhub", enabled: false, status: "disabled", state: "not_configured", latencyMs: null, detail: "no API key configured" };

function probes(overrides: Partial<StatusProbes> = {}): StatusProbes {
  return {
    database: async () => up("pglite"),
    cache: async () => up("memory", 0),
    storage: async () => up("local"),
    queue: async () => up("inprocess"),
    providers: async () => [shipped, finnhubOff],
    ...overrides,
  };
}

const fixedNow = () => new Date("2026-11-22T05:00:00.000Z");

describe("status aggregation", () => {
  it("is up when every component is up; disabled providers do not count against it", async () => {
    const report = await collectStatus({ probes: probes(), now: fixedNow });
    expect(report).toEqual({
      status: "up",
      time: "2026-11-22T05:00:00.000Z",
      components: { database: up("pglite"), cache: up("memory", 0), storage: up("local"), queue: up("inprocess") },
      providers: [shipped, finnhubOff],
      degradedData: [],
    });
  });

  it("is degraded (and lists them) when a symbol's market data was refused", async () => {
    const refused = { symbol: "AAPL", source: "shipped" as const, reason: "1 row refused (2099-01-01: date is in the future)", since: "2026-11-22T04:00:00.000Z", servingLastValid: false };
    const report = await collectStatus({ probes: probes({ marketData: () => [refused] }), now: fixedNow });
    expect(report.status).toBe("degraded");
    expect(report.degradedData).toEqual([refused]);
  });

  it("is degraded when the cache runs on its memory fallback", async () => {
    const cache: Health = { status: "degraded", backend: "redis", latencyMs: null, detail: "serving from the in-memory fallback" };
    const report = await collectStatus({ probes: probes({ cache: async () => cache }) });
    expect(report.status).toBe("degraded");
    expect(report.components.cache).toEqual(cache);
  });

  it("is degraded when an enabled provider is failing", async () => {
    const failing: ProviderHealth = { name: "alphavantage", enabled: true, status: "down", state: "unreachable", latencyMs: 812, detail: "HTTP 500" };
    const report = await collectStatus({ probes: probes({ providers: async () => [failing, shipped] }) });
    expect(report.status).toBe("degraded");
    expect(report.providers[0]).toEqual(failing);
  });

  it("is down when the database is down, even with everything else up", async () => {
    const report = await collectStatus({ probes: probes({ database: async () => ({ status: "down", backend: "postgres", latencyMs: null, detail: "ECONNREFUSED" }) }) });
    expect(report.status).toBe("down");
  });

  it("turns a hanging probe into 'down' after its timeout instead of hanging the page", async () => {
    const started = performance.now();
    const report = await collectStatus({
      probes: probes({ storage: () => new Promise<Health>(() => {}), providers: () => new Promise<ProviderHealth[]>(() => {}) }),
      timeoutMs: 150,
    });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(1000);
    expect(report.components.storage.status).toBe("down");
    expect(report.components.storage.detail).toBe("storage health check timed out after 150 ms");
    expect(report.providers).toEqual([]);
    expect(report.status).toBe("degraded");
    expect(report.components.database.status).toBe("up");
  });

  it("turns a probe that throws into 'down' with the error message", async () => {
    const report = await collectStatus({ probes: probes({ queue: async () => Promise.reject(new Error("queue table missing")) }) });
    expect(report.components.queue).toMatchObject({ status: "down", detail: "queue table missing" });
    expect(report.status).toBe("degraded");
  });
});
