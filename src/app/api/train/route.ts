import { NextResponse } from "next/server";
import { z } from "zod";
import { preflight, route } from "@/server/route";
import { symbolSchema } from "@/server/market";
import { requestTraining } from "@/server/training";

const body = z.strictObject({
  symbols: z.array(symbolSchema).min(1).max(100).optional(),
  models: z.array(z.string().min(1).max(40)).min(1).max(20).optional(),
});

// POST /api/train: queue training for the given symbols (default: the watchlist); admin only
export const POST = route({ name: "/api/train", body, auth: "admin" }, async ({ body, principal }) => {
  const r = await requestTraining({ ...body, userId: principal?.userId ?? null });
  return NextResponse.json(r, { status: 202, headers: { Location: r.poll } });
});
export const OPTIONS = preflight;
