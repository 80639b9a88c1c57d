// GET /api/status against the real modules on the embedded defaults (or the services CI configures).
import { mkdtempSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/env";
import { GET } from "@/app/api/status/route";
import { resetCacheForTests } from "@/lib/cache";
import { closeDb, dbHealth } from "@/lib/db";
import { getWatchlist } from "@/server/market";

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const get = () => GET(new NextRequest("http://localhost/api/status"));

describe("GET /api/status", () => {
  beforeAll(async () => {
    vi.stubEnv("DATA_DIR", mkdtempSync(join(tmpdir(), "status-test-")));
    vi.stubEnv("REDIS_URL", "");
    vi.stubEnv("UPSTASH_REDIS_REST_URL", "");
    resetEnvForTests();
    await resetCacheForTests();
    // The embedded database migrates on first use; do that outside the probe's timeout.
    expect((await dbHealth()).status).toBe("up");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    await resetCacheForTests();
    await closeDb();
  });

  it("reports every component and provider, 200 when nothing is down", async () => {
    const res = await get();
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(["up", "degraded"]).toContain(body.status);
    expect(Date.now() - Date.parse(body.time)).toBeLessThan(60_000);
    for (const c of ["database", "cache", "storage", "queue"]) {
      expect(body.components[c].status, `${c}: ${body.components[c].detail ?? ""}`).toBe("up");
      expect(typeof body.components[c].latencyMs).toBe("number");
    }
    expect(body.components.cache.backend).toBe("memory");
    const shipped = body.providers.find((p: { name: string }) => p.name === "shipped");
    expect(shipped).toMatchObject({ enabled: true, status: "up" });
    // Nothing was trained in this fresh database: no watchlist symbol is ready yet.
    expect(body.forecasts).toEqual({ ready: 0, total: getWatchlist().length });
  });

  it("says degraded (still 200) when Redis is configured but down", async () => {
    vi.stubEnv("REDIS_URL", `redis://127.0.0.1:${await closedPort()}`);
    resetEnvForTests();
    await resetCacheForTests();
    try {
      const res = await get();
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.status).toBe("degraded");
      expect(body.components.cache).toMatchObject({ status: "degraded", backend: "redis" });
    } finally {
      vi.stubEnv("REDIS_URL", "");
      resetEnvForTests();
      await resetCacheForTests();
    }
  });

  it("answers 503 with status down when the database is unreachable", async () => {
    vi.stubEnv("DATABASE_URL", `postgresql://postgres@127.0.0.1:${await closedPort()}/test`);
    resetEnvForTests();
    await closeDb();
    try {
      const res = await get();
      const body = await res.json();
      expect(res.status).toBe(503);
      expect(body.status).toBe("down");
      expect(body.components.database.status).toBe("down");
      expect(body.components.cache.status).toBe("up");
    } finally {
      vi.stubEnv("DATABASE_URL", "");
      resetEnvForTests();
      await closeDb();
    }
  });
});
