import { z } from "zod";
import { preflight, route } from "@/server/route";
import { searchTickersLive } from "@/server/market";

// GET /api/tickers/search?q=app: symbols whose ticker or company name matches, for the ticker search box
export const GET = route(
  {
    name: "/api/tickers/search",
    query: z.object({ q: z.string().trim().min(1).max(50), limit: z.coerce.number().int().min(1).max(25).optional() }),
  },
  async ({ query }) => ({ results: await searchTickersLive({ q: query.q, limit: query.limit ?? 10 }) }),
);

export const OPTIONS = preflight;
