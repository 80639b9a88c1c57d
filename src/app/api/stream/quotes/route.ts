import { preflight, route } from "@/server/route";
import { quotesStream, quotesStreamQuerySchema } from "@/server/streams";

// Streams hold their connection open; never cached or prerendered.
export const dynamic = "force-dynamic";

// GET /api/stream/quotes?symbols=: Server-Sent Events, the current quotes first, then every change
export const GET = route(
  { name: "/api/stream/quotes", auth: "optional", query: quotesStreamQuerySchema },
  async ({ req, principal, query }) => quotesStream({ req, principal, symbols: query.symbols }),
);
export const OPTIONS = preflight;
