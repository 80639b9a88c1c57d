import { NextResponse } from "next/server";
import { z } from "zod";
import { preflight, route } from "@/server/route";
import { symbolSchema } from "@/server/market";
import { getPrediction, requestModels } from "@/server/predictions";

const params = z.object({ symbol: symbolSchema });

// GET /api/predictions/{symbol}: forecasts of every active model; the calibrated baseline within seconds for a symbol never trained
export const GET = route({ name: "/api/predictions/[symbol]", params, auth: "user" }, async ({ params, principal }) => {
  const r = await getPrediction({ symbol: params.symbol, userId: principal?.userId ?? null });
  return NextResponse.json(r.body, { headers: { "X-Cache": r.cache.toUpperCase() } });
});

// POST /api/predictions/{symbol}: a person asks for the full model set (202 { job_id } while it trains, 200 when trained)
export const POST = route({ name: "/api/predictions/[symbol]", params, auth: "user" }, async ({ params, principal }) => {
  const r = await requestModels({ symbol: params.symbol, userId: principal?.userId ?? null, isAdmin: principal?.role === "admin" });
  if (r.status === 202) return NextResponse.json(r.body, { status: 202, headers: { Location: r.body.poll, "Retry-After": "2" } });
  return NextResponse.json(r.body, { headers: { "X-Cache": r.cache.toUpperCase() } });
});
export const OPTIONS = preflight;
