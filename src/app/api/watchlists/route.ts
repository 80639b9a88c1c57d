import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { createWatchlistBodySchema, createWatchlistFor, listWatchlistsFor } from "@/server/watchlists";

// GET /api/watchlists: the caller's watchlists, in their order
export const GET = route({ name: "/api/watchlists", auth: "user" }, async ({ principal }) => listWatchlistsFor({ principal: principal! }));

// POST /api/watchlists: create a named list ({ name, symbols })
export const POST = route({ name: "/api/watchlists", auth: "user", body: createWatchlistBodySchema, maxBodyBytes: 8192 }, async ({ principal, body }) =>
  NextResponse.json(await createWatchlistFor({ principal: principal!, ...body }), { status: 201 }),
);
export const OPTIONS = preflight;
