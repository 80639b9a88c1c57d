import { NextResponse } from "next/server";
import { z } from "zod";
import { preflight, route } from "@/server/route";
import { symbolSchema } from "@/server/market/types";
import { getPrediction } from "@/server/predictions/get-prediction";

// GET /api/predictions/{symbol}: forecasts of every active model (200), or 202 { job_id } while the first one is computed
export const GET = route(
  { name: "/api/predictions/[symbol]", params: z.object({ symbol: symbolSchema }), auth: "user" },
  async ({ params, principal }) => {
    const r = await getPrediction({ symbol: params.symbol, userId: principal?.userId ?? null, isAdmin: principal?.role === "admin" });
    if (r.status === 202) return NextResponse.json(r.body, { status: 202, headers: { Location: r.body.poll, "Retry-After": "2" } });
    return NextResponse.json(r.body, { headers: { "X-Cache": r.cache.toUpperCase() } });
  },
);
export const OPTIONS = preflight;
