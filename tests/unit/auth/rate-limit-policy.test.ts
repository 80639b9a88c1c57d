import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetServicesForTests } from "@/lib/services";
import { AppError, toErrorResponse } from "@/lib/errors";
import { authAccountLimit, consume, decideLimit } from "@/server/auth/rate-limit-policy";

const headers = (o: Record<string, string> = {}) => new Headers(o);

afterEach(() => {
  for (const k of ["RATE_LIMIT_PREMIUM_PER_MIN", "RATE_LIMIT_ANON_PER_MIN", "TRUSTED_PROXY"]) delete process.env[k];
  resetServicesForTests();
});

describe("rate-limit buckets", () => {
  it("keys by tier with the seed-004 defaults", () => {
    const key = (tier: "default" | "premium" | "admin") =>
      decideLimit({ principal: { userId: "u", role: "user", via: "api_key", apiKeyId: "k1", tier }, headers: headers() });
    expect(key("default")).toEqual({ key: "api:key:k1", limit: 100, windowSec: 60 });
    expect(key("premium").limit).toBe(1000);
    expect(key("admin").limit).toBe(10000);
  });

  it("reads the limits from env", () => {
    process.env.RATE_LIMIT_PREMIUM_PER_MIN = "7";
    resetServicesForTests();
    expect(decideLimit({ principal: { userId: "u", role: "user", via: "api_key", apiKeyId: "k", tier: "premium" }, headers: headers() }).limit).toBe(7);
  });

  it("signed-in users count per user; admins get the admin budget; the admin key has its own bucket", () => {
    expect(decideLimit({ principal: { userId: "u1", role: "user", via: "jwt" }, headers: headers() })).toEqual({ key: "api:user:u1", limit: 100, windowSec: 60 });
    expect(decideLimit({ principal: { userId: "u2", role: "admin", via: "session" }, headers: headers() }).limit).toBe(10000);
    expect(decideLimit({ principal: { userId: null, role: "admin", via: "admin_key", tier: "admin" }, headers: headers() }).key).toBe("api:admin-key");
  });

  it("anonymous callers count per client IP", () => {
    process.env.TRUSTED_PROXY = "1";
    resetServicesForTests();
    expect(decideLimit({ principal: null, headers: headers({ "x-forwarded-for": "1.1.1.1, 198.51.100.7" }) })).toEqual({
      key: "api:ip:198.51.100.7",
      limit: 60,
      windowSec: 60,
    });
  });

  it("per-account login buckets do not contain the email and ignore case", () => {
    const a = authAccountLimit({ account: "Ada@Example.com" });
    expect(a.key).not.toContain("ada");
    expect(a).toEqual(authAccountLimit({ account: "ada@example.com" }));
    expect(a.windowSec).toBe(900);
  });
});

describe("consume (in-memory limiter)", () => {
  it("allows exactly `limit` requests, reports what is left, then refuses with 429 and Retry-After", async () => {
    const key = `test:${randomBytes(6).toString("hex")}`;
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { headers: h } = await consume({ key, limit: 3, windowSec: 60 });
      expect(h["X-RateLimit-Limit"]).toBe("3");
      remaining.push(h["X-RateLimit-Remaining"]);
      const reset = Number(h["X-RateLimit-Reset"]);
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 120);
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const err = await consume({ key, limit: 3, windowSec: 60 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const mapped = toErrorResponse(err);
    expect(mapped.status).toBe(429);
    expect(mapped.body.error.code).toBe("rate_limited");
    expect(mapped.headers["X-RateLimit-Remaining"]).toBe("0");
    const retry = Number(mapped.headers["Retry-After"]);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(120);
  });
});
