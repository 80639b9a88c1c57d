import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { createPortfolioBodySchema, createPortfolioFor, listPortfoliosFor } from "@/server/portfolios";

// GET /api/portfolios: the caller's portfolios
export const GET = route({ name: "/api/portfolios", auth: "user" }, async ({ principal }) => listPortfoliosFor({ principal: principal! }));

// POST /api/portfolios: create a portfolio ({ name, transactions })
export const POST = route({ name: "/api/portfolios", auth: "user", body: createPortfolioBodySchema, maxBodyBytes: 1024 * 1024 }, async ({ principal, body }) =>
  NextResponse.json(await createPortfolioFor({ principal: principal!, ...body }), { status: 201 }),
);
export const OPTIONS = preflight;
