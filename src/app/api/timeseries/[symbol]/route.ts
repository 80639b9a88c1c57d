import { z } from "zod";
import { preflight, route } from "@/server/route";
import { getTimeseries, symbolSchema, withProvenance } from "@/server/market";

// GET /api/timeseries/{symbol}?range=1D|1W|1M|3M|6M|YTD|1Y|2Y|5Y|10Y: chart points at the range's resolution
export const GET = route(
  { name: "/api/timeseries/[symbol]", params: z.object({ symbol: symbolSchema }), query: z.object({ range: z.string().max(10).optional() }) },
  async ({ params, query }) => withProvenance(await getTimeseries({ symbol: params.symbol, range: query.range ?? "1M" })),
);

export const OPTIONS = preflight;
