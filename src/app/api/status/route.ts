import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { getStatus } from "@/server/status";

export const dynamic = "force-dynamic";

// GET /api/status: health of the database, cache, storage, queue and each market data provider
export const GET = route({ name: "/api/status" }, async () => {
  const report = await getStatus();
  return NextResponse.json(report, {
    status: report.status === "down" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
});

export const OPTIONS = preflight;
