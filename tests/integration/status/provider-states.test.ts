// GET /api/status's provider list with live providers replayed from recorded answers: each provider's state (ok,
// limited until, key invalid, unreachable, not configured). An admin sees the detail; anonymous callers see the
// state words only, with "key invalid" (the operator's configuration) shown as "unavailable".
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as statusRoutes from "@/app/api/status/route";
import { dbHealth } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { ReplayServer } from "../../support/replay-server";
import { call } from "../auth/auth-test-env";

const ADMIN_KEY = "admin-key-for-provider-state-tests-0123456789";
const server = new ReplayServer();

describe("GET /api/status provider states", () => {
  beforeAll(async () => {
    await server.start();
    vi.stubEnv("DATA_DIR", mkdtempSync(join(tmpdir(), "provider-states-")));
    vi.stubEnv("REDIS_URL", "");
    vi.stubEnv("UPSTASH_REDIS_REST_URL", "");
    vi.stubEnv("ADMIN_API_KEY", ADMIN_KEY);
    vi.stubEnv("ALPHA_VANTAGE_API_KEY", "not-a-real-key");
    vi.stubEnv("POLYGON_API_KEY", "test-polygon-key");
    vi.stubEnv("FINNHUB_API_KEY", "");
    vi.stubEnv("ALPHA_VANTAGE_BASE_URL", `${server.url}/av`);
    vi.stubEnv("POLYGON_BASE_URL", `${server.url}/polygon`);
    vi.stubEnv("PROVIDER_ORDER", "alphavantage,polygon,finnhub");
    await resetServicesForTests();
    expect((await dbHealth()).status).toBe("up");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await resetServicesForTests();
    await server.close();
  });

  it("says key invalid (admins), limited until a time, not configured, and the shipped set ok", async () => {
    server.on(
      { path: "/av/query", fixture: "alphavantage/error-message-invalid-apikey.json" },
      { path: /^\/polygon\//, status: 429, fixture: "polygon/error-429-rate-limit.json", headers: { "retry-after": "120" } },
    );
    const admin = await call(statusRoutes.GET, { path: "/api/status", headers: { "x-api-key": ADMIN_KEY } });
    expect(admin.status).toBe(200);
    const byName = Object.fromEntries(admin.json.providers.map((p: { name: string }) => [p.name, p]));
    expect(byName.alphavantage).toMatchObject({ enabled: true, status: "down", state: "key_invalid" });
    expect(byName.alphavantage.detail).toMatch(/^key invalid: .*the parameter apikey is invalid or missing/);
    expect(byName.polygon).toMatchObject({ enabled: true, status: "degraded", state: "limited" });
    const until = Date.parse(byName.polygon.limitedUntil) - Date.now();
    expect(until).toBeGreaterThan(60_000); // Retry-After 120 s, less however long this slow machine took since
    expect(until).toBeLessThanOrEqual(120_000);
    expect(byName.finnhub).toMatchObject({ enabled: false, status: "disabled", state: "not_configured" });
    expect(byName.shipped).toMatchObject({ status: "up", state: "ok" });

    const anon = await call(statusRoutes.GET, { path: "/api/status" });
    const pub = Object.fromEntries(anon.json.providers.map((p: { name: string }) => [p.name, p]));
    expect(pub.alphavantage).toMatchObject({ status: "down", state: "unavailable", detail: "unavailable" });
    expect(pub.polygon).toMatchObject({ state: "limited", limitedUntil: byName.polygon.limitedUntil, detail: "running on a fallback" });
    expect(JSON.stringify(anon.json)).not.toMatch(/apikey|key_invalid|key invalid|127\.0\.0\.1/);
  });

  it("says unreachable when the provider answers an HTML page instead of JSON", async () => {
    server.reset();
    await resetServicesForTests({ keep: ["db"] });
    vi.stubEnv("ALPHA_VANTAGE_API_KEY", "");
    server.on({ path: /^\/polygon\//, fixture: "garbage-html.txt" });
    const admin = await call(statusRoutes.GET, { path: "/api/status", headers: { "x-api-key": ADMIN_KEY } });
    const polygon = admin.json.providers.find((p: { name: string }) => p.name === "polygon");
    expect(polygon).toMatchObject({ status: "down", state: "unreachable" });
    expect(polygon.detail).toMatch(/body is not JSON \(an HTML page\)/);
  });
});
