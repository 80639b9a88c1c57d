import { z } from "zod";
import { preflight, route } from "@/server/route";
import { symbolSchema } from "@/server/market/types";
import { listModelVersions } from "@/server/training/catalog";

// GET /api/models/{symbol}: active model versions and recent candidates with their walk-forward metrics
export const GET = route({ name: "/api/models/[symbol]", params: z.object({ symbol: symbolSchema }) }, async ({ params }) =>
  listModelVersions({ symbol: params.symbol }),
);
export const OPTIONS = preflight;
