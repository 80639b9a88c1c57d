import { z } from "zod";
import { preflight, route } from "@/server/route";
import { getOverview, symbolSchema, withProvenance } from "@/server/market";

// GET /api/overview/{symbol}: company facts, market cap and P/E where a provider has them, 52-week range, average volume
export const GET = route(
  { name: "/api/overview/[symbol]", params: z.object({ symbol: symbolSchema }) },
  async ({ params }) => withProvenance(await getOverview({ symbol: params.symbol })),
);

export const OPTIONS = preflight;
