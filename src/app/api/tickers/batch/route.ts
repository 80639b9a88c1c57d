import { z } from "zod";
import { preflight, route } from "@/server/route";
import { getTickersBatch, MAX_BATCH } from "@/server/market";

// GET /api/tickers/batch?symbols=AAPL,MSFT: price, change and sparkline per symbol; per-symbol errors do not fail the batch
export const GET = route(
  {
    name: "/api/tickers/batch",
    query: z.object({
      symbols: z
        .string({ error: "symbols is required, e.g. ?symbols=AAPL,MSFT" })
        .max(MAX_BATCH * 12, `At most ${MAX_BATCH} symbols per batch`)
        .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)),
    }),
  },
  async ({ query }) => getTickersBatch({ symbols: query.symbols }),
);

export const OPTIONS = preflight;
