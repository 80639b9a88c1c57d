import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { precompute, precomputeQuery } from "@/server/predictions";

// POST /api/precompute?symbols=: train where needed and cache forecasts, one job per symbol (admin)
export const POST = route({ name: "/api/precompute", query: precomputeQuery, auth: "admin" }, async ({ query, principal }) =>
  NextResponse.json({ jobs: await precompute({ symbols: query.symbols, userId: principal?.userId ?? null }) }, { status: 202 }),
);
export const OPTIONS = preflight;
