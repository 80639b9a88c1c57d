import { preflight, route } from "@/server/route";
import { batchBody, batchForecasts } from "@/server/predictions";

// POST /api/predictions/batch: up to 25 symbols, each ready, queued (job id) or an error of its own
export const POST = route({ name: "/api/predictions/batch", body: batchBody, auth: "user" }, async ({ body, principal }) => ({
  predictions: await batchForecasts({ symbols: body.symbols, horizons: body.horizons, userId: principal?.userId ?? null }),
}));
export const OPTIONS = preflight;
