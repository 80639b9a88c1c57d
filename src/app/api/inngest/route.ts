import type { NextRequest } from "next/server";
import { notFound } from "@/lib/errors";
import { preflight, route } from "@/server/route";
import { inngestHandlers } from "@/handlers/serve";
import { queue } from "@/server/jobs";

// Inngest signs its own requests; rate limits would only get in the way of its retries.
const via = (method: "GET" | "POST" | "PUT") =>
  route({ name: "/api/inngest", rateLimit: false }, ({ req }) => {
    // On the embedded default the in-process runner executes the functions; nothing should call in.
    if (queue.backend !== "inngest") throw notFound("Inngest is not configured (set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY, or INNGEST_DEV=1)");
    return inngestHandlers()[method](req as NextRequest, undefined);
  });

// GET /api/inngest: function registry introspection for the Inngest dev server / cloud
export const GET = via("GET");
// POST /api/inngest: Inngest invokes a function step
export const POST = via("POST");
// PUT /api/inngest: Inngest registers (syncs) this app's functions
export const PUT = via("PUT");
// OPTIONS: CORS preflight (answered like every other route's, with X-Response-Time)
export const OPTIONS = preflight;
