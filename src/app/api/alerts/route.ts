import { NextResponse } from "next/server";
import { createAlert, createAlertBodySchema, listAlerts } from "@/server/alerts";
import { preflight, route } from "@/server/route";

// GET /api/alerts: the caller's alerts and their recent triggers
export const GET = route({ name: "/api/alerts", auth: "user" }, async ({ principal }) => listAlerts({ principal: principal! }));

// POST /api/alerts: a price level, a one-day move, a new 52-week high or low, or a close outside the served forecast's 95% range
export const POST = route(
  { name: "/api/alerts", auth: "user", body: createAlertBodySchema, maxBodyBytes: 2048 },
  async ({ principal, body }) => NextResponse.json(await createAlert({ principal: principal!, body }), { status: 201 }),
);
export const OPTIONS = preflight;
