import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { createKeyBodySchema, createKeyFor, listKeysFor } from "@/server/auth";

// GET /api/keys: the caller's API keys (never the keys themselves)
export const GET = route({ name: "/api/keys", auth: "user" }, async ({ principal }) => listKeysFor({ principal: principal! }));

// POST /api/keys: create a named key; the full key is in this response only
export const POST = route(
  { name: "/api/keys", auth: "user", body: createKeyBodySchema, maxBodyBytes: 2048 },
  async ({ principal, body }) => NextResponse.json(await createKeyFor({ principal: principal!, ...body }), { status: 201 }),
);
export const OPTIONS = preflight;
