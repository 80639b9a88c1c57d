import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/metrics/route";
import { createCache } from "@/lib/cache";
import { notFound } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import { route } from "@/server/route";

/** The value of one sample line in Prometheus text format, or null when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  const want = Object.entries(labels);
  for (const line of text.split("\n")) {
    const m = line.match(/^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...m[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (want.every(([k, v]) => got[k] === v) && Object.keys(got).length === want.length) return Number(m[3]);
  }
  return null;
}

async function scrape(): Promise<{ status: number; type: string | null; text: string }> {
  const res = await metricsRoute(new NextRequest("http://localhost/metrics"));
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

describe("GET /metrics", () => {
  it("exposes request counts by route and status and the latency histogram after requests through the wrapper", async () => {
    const name = `/test/metrics/${Date.now()}`;
    const handler = route({ name, rateLimit: false }, async ({ req }) => {
      if (req.nextUrl.searchParams.get("missing")) throw notFound("no such thing");
      return { ok: true };
    });
    for (let i = 0; i < 3; i++) expect((await handler(new NextRequest(`http://localhost${name}`))).status).toBe(200);
    expect((await handler(new NextRequest(`http://localhost${name}?missing=1`))).status).toBe(404);

    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toContain("text/plain");
    expect(sample(text, "http_requests_total", { route: name, method: "GET", status: "200" })).toBe(3);
    expect(sample(text, "http_requests_total", { route: name, method: "GET", status: "404" })).toBe(1);
    expect(sample(text, "http_request_duration_seconds_count", { route: name, method: "GET" })).toBe(4);
    expect(sample(text, "http_request_duration_seconds_bucket", { route: name, method: "GET", le: "+Inf" })).toBe(4);
    // Default process metrics are registered too.
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it("exposes cache hits and misses and provider calls by provider and outcome", async () => {
    const before = await scrape();
    const hits0 = sample(before.text, "cache_operations_total", { backend: "memory", result: "hit" }) ?? 0;
    const misses0 = sample(before.text, "cache_operations_total", { backend: "memory", result: "miss" }) ?? 0;
    const cache = createCache({ backend: "memory" }, { maxEntries: 100 });
    await cache.getOrSet("av:quote:AAPL", { ttlSec: 60 }, async () => ({ price: 170.73 }));
    await cache.getOrSet("av:quote:AAPL", { ttlSec: 60 }, async () => ({ price: 170.73 }));
    await cache.get("av:quote:NONE");
    metrics.providerCalls.inc({ provider: "alphavantage", outcome: "rate_limited" });
    metrics.providerCalls.inc({ provider: "alphavantage", outcome: "rate_limited" });

    const { text } = await scrape();
    expect(sample(text, "cache_operations_total", { backend: "memory", result: "hit" })).toBe(hits0 + 1);
    expect(sample(text, "cache_operations_total", { backend: "memory", result: "miss" })).toBe(misses0 + 2);
    expect(sample(text, "market_provider_calls_total", { provider: "alphavantage", outcome: "rate_limited" })).toBeGreaterThanOrEqual(2);
  });
});
