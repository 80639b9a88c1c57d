import { preflight, route } from "@/server/route";
import { deleteWatchlistFor, getWatchlistFor, updateWatchlistBodySchema, updateWatchlistFor, watchlistIdParamsSchema } from "@/server/watchlists";

// GET /api/watchlists/{id}: one of the caller's lists
export const GET = route({ name: "/api/watchlists/[id]", auth: "user", params: watchlistIdParamsSchema }, async ({ principal, params }) =>
  getWatchlistFor({ principal: principal!, id: params.id }),
);

// PATCH /api/watchlists/{id}: rename, or replace the symbols (add, remove and reorder send the whole new list)
export const PATCH = route(
  { name: "/api/watchlists/[id]", auth: "user", params: watchlistIdParamsSchema, body: updateWatchlistBodySchema, maxBodyBytes: 8192 },
  async ({ principal, params, body }) => updateWatchlistFor({ principal: principal!, id: params.id, ...body }),
);

// DELETE /api/watchlists/{id}: remove the list
export const DELETE = route({ name: "/api/watchlists/[id]", auth: "user", params: watchlistIdParamsSchema }, async ({ principal, params }) =>
  deleteWatchlistFor({ principal: principal!, id: params.id }),
);
export const OPTIONS = preflight;
