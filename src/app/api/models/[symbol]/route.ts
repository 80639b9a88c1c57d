import { preflight, route } from "@/server/route";
import { symbolParams } from "@/server/predictions";
import { modelStatus } from "@/server/registry";

// GET /api/models/{symbol}: each model's readiness (ready/training/stale), trainedTo and age, with its versions and walk-forward metrics
export const GET = route({ name: "/api/models/[symbol]", params: symbolParams }, async ({ params }) => modelStatus({ symbol: params.symbol }));
export const OPTIONS = preflight;
