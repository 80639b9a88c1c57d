import { z } from "zod";
import { preflight, route } from "@/server/route";
import { symbolSchema } from "@/server/market";
import { getNews } from "@/server/news";

// GET /api/news[?symbol=&limit=]: market or company news with sentiment (empty with a reason when no provider is configured)
export const GET = route(
  {
    name: "/api/news",
    query: z.object({ symbol: symbolSchema.optional(), limit: z.coerce.number().int().min(1).max(50).optional() }),
  },
  async ({ query }) => getNews({ symbol: query.symbol, limit: query.limit ?? 6 }),
);

export const OPTIONS = preflight;
