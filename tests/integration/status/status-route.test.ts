// GET /api/status against the real modules on the embedded defaults (or the services CI configures).
import { mkdtempSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/status/route";
import { dbHealth } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { getWatchlist } from "@/server/market";
import { mountSmallDisk } from "../../support/small-disk";

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
    await resetServicesForTests();
    // The embedded database migrates on first use; do that outside the probe's timeout.
    expect((await dbHealth()).status).toBe("up");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await resetServicesForTests();
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
    await resetServicesForTests({ keep: ["db"] });
    try {
      const res = await get();
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.status).toBe("degraded");
      expect(body.components.cache).toMatchObject({ status: "degraded", backend: "redis" });
    } finally {
      vi.stubEnv("REDIS_URL", "");
      await resetServicesForTests({ keep: ["db"] });
    }
  });

  for (const state of ["full", "read-only"] as const) {
    it(`says degraded, with storage down and why, when the models folder is on a ${state} disk`, async () => {
      const disk = mountSmallDisk({ state });
      vi.stubEnv("MODELS_DIR", disk.dir);
      await resetServicesForTests({ keep: ["db"] });
      try {
        const res = await get();
        const body = await res.json();
        expect(res.status).toBe(200);
        expect(body.status).toBe("degraded");
        expect(body.components.storage).toEqual({ status: "down", backend: "local", latencyMs: null, detail: "unavailable" });
        expect(body.components.database.status).toBe("up");
        const admin = await (await import("@/lib/storage")).storage.health();
        expect(admin.detail).toMatch(state === "full" ? /cannot write \(ENOSPC/ : /cannot write \(EROFS/);
      } finally {
        vi.stubEnv("MODELS_DIR", "");
        await resetServicesForTests({ keep: ["db"] });
        disk.unmount();
      }
    });
  }

  it("answers 503 with status down when the database is unreachable", async () => {
    vi.stubEnv("DATABASE_URL", `postgresql://postgres@127.0.0.1:${await closedPort()}/test`);
    await resetServicesForTests();
    try {
      const res = await get();
      const body = await res.json();
      expect(res.status).toBe(503);
      expect(body.status).toBe("down");
      expect(body.components.database.status).toBe("down");
      expect(body.components.cache.status).toBe("up");
    } finally {
      vi.stubEnv("DATABASE_URL", "");
      await resetServicesForTests();
    }
  });
});
