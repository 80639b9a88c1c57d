import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";

describe("env module", () => {
  it("starts on embedded defaults with no variables at all", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.MODELS_BUCKET).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.ACCESS_TOKEN_EXPIRE_MINUTES).toBe(1440);
  });

  it("names the variable when a value is invalid", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "not a url" })).toThrow(/UPSTASH_REDIS_REST_URL/);
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" })).toThrow(/UPSTASH_REDIS_REST_TOKEN/);
    expect(() => parseEnv({ JOB_CONCURRENCY: "0" })).toThrow(/JOB_CONCURRENCY/);
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", FINNHUB_API_KEY: "  " });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.FINNHUB_API_KEY).toBeUndefined();
  });

  it("refuses weak or missing secrets in hosted production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x/y" })).toThrow(/NEXTAUTH_SECRET/);
    expect(() =>
      parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "short", JWT_SECRET: "x".repeat(40) }),
    ).toThrow(/NEXTAUTH_SECRET/);
    const strong = "k".repeat(40);
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x/y", NEXTAUTH_SECRET: strong, JWT_SECRET: strong });
    expect(env.secrets.jwt).toBe(strong);
  });

  it("generates and keeps a per-installation secret for embedded production", () => {
    const dir = mkdtempSync(join(tmpdir(), "env-"));
    const first = parseEnv({ NODE_ENV: "production", DATA_DIR: dir });
    const second = parseEnv({ NODE_ENV: "production", DATA_DIR: dir });
    expect(first.secrets.nextAuth.length).toBeGreaterThanOrEqual(32);
    expect(second.secrets.nextAuth).toBe(first.secrets.nextAuth);
    expect(readFileSync(join(dir, "secret.key"), "utf8")).toBe(first.secrets.nextAuth);
  });
});
