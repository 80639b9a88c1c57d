import { metrics } from "@/lib/metrics";
import { route } from "@/server/route";

export const dynamic = "force-dynamic";

// GET /metrics: Prometheus exposition of the app's registry (requests, latency, providers, cache, jobs, process).
// Not rate limited: a scraper polls it from one address on a fixed schedule.
export const GET = route({ name: "/metrics", rateLimit: false }, async () => {
  return new Response(await metrics.registry.metrics(), {
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
  });
});
