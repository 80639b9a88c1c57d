import "server-only";
// GET /api/performance: latency percentiles and error rates per route, cache hit rate, memory and job
// timings, all read from the prom-client registry /metrics exposes (one source of truth for both).
import { metrics } from "@/lib/metrics";
import type { PerformanceReport } from "./schemas";

type Sample = { value: number; labels: Record<string, string | number>; metricName?: string };
type MetricJson = { name: string; values: Sample[] };

interface HistogramSeries {
  buckets: Array<{ le: number; count: number }>;
  count: number;
  sum: number;
}

/** Prometheus's histogram_quantile: linear interpolation inside the bucket the rank falls in. */
export function quantileFromBuckets(buckets: Array<{ le: number; count: number }>, q: number): number | null {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted[sorted.length - 1]?.count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of sorted) {
    if (b.count >= rank) {
      if (!Number.isFinite(b.le)) return prevLe;
      const inBucket = b.count - prevCount;
      return inBucket === 0 ? b.le : prevLe + ((b.le - prevLe) * (rank - prevCount)) / inBucket;
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}

function histograms(m: MetricJson | undefined, by: (labels: Record<string, string | number>) => string): Map<string, HistogramSeries> {
  const out = new Map<string, HistogramSeries>();
  for (const v of m?.values ?? []) {
    const key = by(v.labels);
    const h = out.get(key) ?? { buckets: [], count: 0, sum: 0 };
    if (v.metricName?.endsWith("_bucket")) {
      const le = v.labels.le === "+Inf" ? Infinity : Number(v.labels.le);
      const existing = h.buckets.find((b) => b.le === le);
      if (existing) existing.count += v.value;
      else h.buckets.push({ le, count: v.value });
    } else if (v.metricName?.endsWith("_count")) h.count += v.value;
    else if (v.metricName?.endsWith("_sum")) h.sum += v.value;
    out.set(key, h);
  }
  return out;
}

const ms = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 10_000) / 10);
const summary = (h: HistogramSeries) => ({
  count: h.count,
  p50Ms: ms(quantileFromBuckets(h.buckets, 0.5)),
  p95Ms: ms(quantileFromBuckets(h.buckets, 0.95)),
  p99Ms: ms(quantileFromBuckets(h.buckets, 0.99)),
  meanMs: h.count ? ms(h.sum / h.count) : null,
});

export async function performanceReport(): Promise<PerformanceReport> {
  const all = (await metrics.registry.getMetricsAsJSON()) as unknown as MetricJson[];
  const get = (name: string) => all.find((m) => m.name === name);

  const requests = new Map<string, { total: number; clientErrors: number; serverErrors: number }>();
  for (const v of get("http_requests_total")?.values ?? []) {
    const key = String(v.labels.route);
    const r = requests.get(key) ?? { total: 0, clientErrors: 0, serverErrors: 0 };
    const status = Number(v.labels.status);
    r.total += v.value;
    if (status >= 500) r.serverErrors += v.value;
    else if (status >= 400) r.clientErrors += v.value;
    requests.set(key, r);
  }
  const latency = histograms(get("http_request_duration_seconds"), (l) => String(l.route));
  const routes = [...requests.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, r]) => {
      const h = latency.get(route);
      return {
        route,
        requests: r.total,
        errorRate: r.total ? r.serverErrors / r.total : 0,
        clientErrorRate: r.total ? r.clientErrors / r.total : 0,
        ...(h ? (({ count: _c, ...rest }) => rest)(summary(h)) : { p50Ms: null, p95Ms: null, p99Ms: null, meanMs: null }),
      };
    });

  let hits = 0;
  let lookups = 0;
  for (const v of get("cache_operations_total")?.values ?? []) {
    if (v.labels.result === "hit") hits += v.value;
    if (v.labels.result === "hit" || v.labels.result === "miss") lookups += v.value;
  }

  const jobs = histograms(get("job_duration_seconds"), (l) => String(l.function));
  const mem = process.memoryUsage();
  return {
    time: new Date().toISOString(),
    uptimeSec: Math.round(process.uptime()),
    routes,
    cache: { lookups, hits, hitRate: lookups ? hits / lookups : null },
    memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, heapTotalBytes: mem.heapTotal, externalBytes: mem.external },
    // Prediction and training runs are jobs: their timings are the job histogram per function.
    jobs: [...jobs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([fn, h]) => ({ function: fn, ...summary(h) })),
  };
}
