import { preflight, route } from "@/server/route";

export const dynamic = "force-dynamic";

// GET /api/health: liveness only (the process answers); touches no dependency, so a database outage
// does not get a healthy instance restarted. /api/status reports the dependencies.
export const GET = route({ name: "/api/health", rateLimit: false }, async () => ({ status: "ok", uptimeSec: Math.round(process.uptime()) }));

export const OPTIONS = preflight;
