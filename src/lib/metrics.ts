// Prometheus metrics. The registry is a process-wide service (src/lib/services.ts) so dev reloads do not register twice.
import client from "prom-client";
import { processService } from "@/lib/services";

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new client.Counter({
      name: "http_requests_total",
      help: "HTTP requests by route, method and status",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request latency by route",
      labelNames: ["route", "method"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    providerCalls: new client.Counter({
      name: "market_provider_calls_total",
      help: "Market data provider calls by provider and outcome",
      labelNames: ["provider", "outcome"] as const,
      registers: [registry],
    }),
    cacheOps: new client.Counter({
      name: "cache_operations_total",
      help: "Cache lookups by result (hit, miss, error)",
      labelNames: ["backend", "result"] as const,
      registers: [registry],
    }),
    jobs: new client.Counter({
      name: "jobs_total",
      help: "Background jobs by function and final status",
      labelNames: ["function", "status"] as const,
      registers: [registry],
    }),
    jobDuration: new client.Histogram({
      name: "job_duration_seconds",
      help: "Background job duration by function",
      labelNames: ["function"] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
  };
}

type Metrics = ReturnType<typeof create>;
export const metrics: Metrics = processService("metrics", create);

/**
 * The end of every answered API request: sets `X-Response-Time` (since `started`, a performance.now()) on
 * `res` and counts it in the HTTP metrics. Returns the seconds taken.
 */
export function recordHttpRequest(res: Response, o: { route: string; method: string; started: number }): number {
  const seconds = (performance.now() - o.started) / 1000;
  res.headers.set("X-Response-Time", `${(seconds * 1000).toFixed(1)}ms`);
  metrics.httpRequests.inc({ route: o.route, method: o.method, status: String(res.status) });
  metrics.httpDuration.observe({ route: o.route, method: o.method }, seconds);
  return seconds;
}
