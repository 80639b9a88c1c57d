import { preflight, route } from "@/server/route";
import { performanceReport } from "@/server/operations";

export const dynamic = "force-dynamic";

// GET /api/performance: p50/p95/p99 and error rate per route, cache hit rate, memory, job timings (admin)
export const GET = route({ name: "/api/performance", auth: "admin" }, async () => performanceReport());

export const OPTIONS = preflight;
