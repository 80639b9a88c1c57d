import { z } from "zod";
import { preflight, route } from "@/server/route";
import { getStock, symbolSchema, withProvenance } from "@/server/market";

// GET /api/stock/{symbol}: quote and recent history
export const GET = route(
  { name: "/api/stock/[symbol]", params: z.object({ symbol: symbolSchema }) },
  async ({ params }) => withProvenance(await getStock({ symbol: params.symbol })),
);

export const OPTIONS = preflight;
