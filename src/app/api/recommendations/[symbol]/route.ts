import { preflight, route } from "@/server/route";
import { recommendations } from "@/server/recommendations";
import { symbolParams } from "@/server/predictions";

// GET /api/recommendations/{symbol}: one symbol's recommendation per horizon (multiple-testing correction across its horizons)
export const GET = route({ name: "/api/recommendations/[symbol]", params: symbolParams, auth: "user" }, async ({ params }) => {
  const r = await recommendations({ symbols: [params.symbol], strict: true });
  return { ...r, recommendation: r.recommendations[0] };
});
export const OPTIONS = preflight;
