// The watchlists area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { followedSymbolsOrNone } from "./followed";
export { createWatchlistBodySchema, updateWatchlistBodySchema, watchlistIdParamsSchema } from "./schemas";
export type { WatchlistJson } from "./schemas";
export { createWatchlistFor, deleteWatchlistFor, getWatchlistFor, homeWatchlist, listWatchlists, listWatchlistsFor, updateWatchlistFor } from "./service";
export { keptSymbols } from "./followed";
export { watchlistListSchema, watchlistViewSchema } from "./schemas";
