import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { getStatus, publicStatus } from "@/server/status";

export const dynamic = "force-dynamic";

// GET /api/status: health of the database, cache, storage, queue, each market data provider and any
// symbol whose data was refused; failure detail only for admins
export const GET = route({ name: "/api/status", auth: "optional" }, async ({ principal }) => {
  const report = await getStatus();
  return NextResponse.json(principal?.role === "admin" ? report : publicStatus(report), {
    status: report.status === "down" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
});

export const OPTIONS = preflight;
