import { z } from "zod";
import { preflight, route } from "@/server/route";
import { getIntraday, symbolSchema, withProvenance } from "@/server/market";

// GET /api/intraday/{symbol}: the latest session's minute bars (daily bars when no intraday provider is configured)
export const GET = route(
  { name: "/api/intraday/[symbol]", params: z.object({ symbol: symbolSchema }) },
  async ({ params }) => withProvenance(await getIntraday({ symbol: params.symbol })),
);

export const OPTIONS = preflight;
