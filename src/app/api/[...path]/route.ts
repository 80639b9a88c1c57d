import { notFound } from "@/lib/errors";
import { route } from "@/server/route";

// Any /api path no route matches: the standard JSON error body instead of the HTML 404 page. Static and
// dynamic routes (and the next-auth catch-all under /api/auth) are more specific, so they still win.
const handler = route({ name: "/api/[...path]" }, async ({ req }) => {
  throw notFound(`No API route at ${req.nextUrl.pathname}`);
});

export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
