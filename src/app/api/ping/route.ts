import { preflight, route } from "@/server/route";

// GET /api/ping: liveness, and the baseline route for `npm run bench:api`
export const GET = route({ name: "/api/ping" }, async () => ({ ok: true }));

export const OPTIONS = preflight;
