import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { exportAccountFor } from "@/server/auth";

// GET /api/auth/me/export: everything the account holds, as one JSON file
export const GET = route({ name: "/api/auth/me/export", auth: "user" }, async ({ principal }) =>
  NextResponse.json(await exportAccountFor({ principal: principal! }), {
    headers: { "Content-Disposition": 'attachment; filename="stock-hub-export.json"', "Cache-Control": "no-store" },
  }),
);
export const OPTIONS = preflight;
