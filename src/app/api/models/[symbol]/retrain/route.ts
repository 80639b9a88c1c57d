import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { retrainBody, symbolParams } from "@/server/predictions";
import { requestTraining } from "@/server/training";

// POST /api/models/{symbol}/retrain: queue a retrain of the symbol's models (admin)
export const POST = route({ name: "/api/models/[symbol]/retrain", params: symbolParams, body: retrainBody, auth: "admin" }, async ({ params, body }) => {
  const r = await requestTraining({ symbols: [params.symbol], models: body.models });
  return NextResponse.json(r, { status: 202, headers: { Location: r.poll } });
});
export const OPTIONS = preflight;
