// /api/performance's figures come from the same registry as /metrics; /api/admin/config never shows a secret.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetServicesForTests } from "@/lib/services";
import { notFound } from "@/lib/errors";
import { effectiveConfig } from "@/server/operations/effective-config";
import { performanceReport, quantileFromBuckets } from "@/server/operations/performance";
import { route } from "@/server/route";

describe("performance report", () => {
  it("interpolates quantiles inside histogram buckets as Prometheus does", () => {
    const buckets = [{ le: 0.01, count: 50 }, { le: 0.1, count: 90 }, { le: 1, count: 100 }, { le: Infinity, count: 100 }];
    expect(quantileFromBuckets(buckets, 0.5)).toBeCloseTo(0.01, 9);
    expect(quantileFromBuckets(buckets, 0.7)).toBeCloseTo(0.01 + 0.09 * (20 / 40), 9);
    expect(quantileFromBuckets(buckets, 0.95)).toBeCloseTo(0.1 + 0.9 * 0.5, 9);
    expect(quantileFromBuckets([{ le: Infinity, count: 0 }], 0.5)).toBeNull();
  });

  it("counts requests and 5xx error rate per route from requests made through the wrapper", async () => {
    const name = `/test/perf/${Date.now()}`;
    const handler = route({ name, rateLimit: false }, async ({ req }) => {
      if (req.nextUrl.searchParams.has("boom")) throw new Error("kaput");
      if (req.nextUrl.searchParams.has("missing")) throw notFound("nope");
      return { ok: true };
    });
    for (const q of ["", "", "?missing=1", "?boom=1"]) await handler(new NextRequest(`http://localhost${name}${q}`));
    const report = await performanceReport();
    const r = report.routes.find((x) => x.route === name)!;
    expect(r).toMatchObject({ requests: 4, errorRate: 0.25, clientErrorRate: 0.25 });
    expect(r.p50Ms).not.toBeNull();
    expect(r.p99Ms!).toBeGreaterThanOrEqual(r.p50Ms!);
    expect(report.memory.rssBytes).toBeGreaterThan(0);
  });
});

describe("effective config", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    void resetServicesForTests({ keep: "all" });
  });

  it("shows settings, reports secrets only as set or unset and masks passwords in URLs", () => {
    vi.stubEnv("JWT_SECRET", "a-very-long-random-secret-value-0123456789");
    vi.stubEnv("ADMIN_API_KEY", "");
    vi.stubEnv("REDIS_URL", "redis://:hunter2hunter2@cache.internal:6379/3");
    vi.stubEnv("RATE_LIMIT_ANON_PER_MIN", "77");
    void resetServicesForTests({ keep: "all" });
    const c = effectiveConfig();
    expect(c.JWT_SECRET).toBe("set");
    expect(c.ADMIN_API_KEY).toBe("unset");
    expect(c.REDIS_URL).toBe("redis://:***@cache.internal:6379/3");
    expect(c.RATE_LIMIT_ANON_PER_MIN).toBe(77);
    expect(JSON.stringify(c)).not.toMatch(/hunter2|a-very-long-random-secret/);
    expect(c).not.toHaveProperty("secrets");
  });

  it("lists every setting, unset secrets as \"unset\", and does not take numbers for secrets", () => {
    for (const name of ["NEXTAUTH_SECRET", "JWT_SECRET", "ADMIN_API_KEY", "FINNHUB_API_KEY", "UPSTASH_REDIS_REST_TOKEN", "ACCESS_TOKEN_EXPIRE_MINUTES", "ALERT_WEBHOOK_URL"]) {
      vi.stubEnv(name, undefined);
    }
    void resetServicesForTests({ keep: "all" });
    const c = effectiveConfig();
    for (const name of ["NEXTAUTH_SECRET", "JWT_SECRET", "ADMIN_API_KEY", "FINNHUB_API_KEY", "UPSTASH_REDIS_REST_TOKEN", "ALERT_WEBHOOK_URL"]) {
      expect(c[name], name).toBe("unset");
    }
    expect(c.ACCESS_TOKEN_EXPIRE_MINUTES).toBe(1440);
    expect(c.LOG_LEVEL).toBeNull();
  });

  it("reports a webhook URL (a secret in its path) only as set", () => {
    vi.stubEnv("ALERT_WEBHOOK_URL", "https://hooks.example.com/services/T000/B000/s3cr3tpathtoken");
    void resetServicesForTests({ keep: "all" });
    const c = effectiveConfig();
    expect(c.ALERT_WEBHOOK_URL).toBe("set");
    expect(JSON.stringify(c)).not.toContain("s3cr3tpathtoken");
  });
});
