import { NextResponse } from "next/server";
import { preflight, route } from "@/server/route";
import { createWebhook, createWebhookBodySchema, listWebhooks } from "@/server/webhooks";

// GET /api/webhooks: the caller's webhook endpoints (never their secrets)
export const GET = route({ name: "/api/webhooks", auth: "user" }, async ({ principal }) => listWebhooks({ principal: principal! }));

// POST /api/webhooks: register an endpoint; the signing secret is in this response only
export const POST = route(
  { name: "/api/webhooks", auth: "user", body: createWebhookBodySchema, maxBodyBytes: 4096 },
  async ({ principal, body }) => NextResponse.json(await createWebhook({ principal: principal!, ...body }), { status: 201 }),
);
export const OPTIONS = preflight;
