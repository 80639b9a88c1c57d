import { NextResponse } from "next/server";
import { requestRefresh } from "@/server/refresh";
import { preflight, route } from "@/server/route";

// POST /api/admin/refresh: run the daily market refresh now (new bars, actuals, alerts, incremental retrains); admin only
export const POST = route({ name: "/api/admin/refresh", auth: "admin" }, async ({ principal }) => {
  const r = await requestRefresh({ userId: principal?.userId ?? null });
  return NextResponse.json(r, { status: 202, headers: { Location: r.poll } });
});
export const OPTIONS = preflight;
