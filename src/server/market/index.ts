import "server-only";
// The market-data service: everything pages, routes and jobs need, behind one import.
export { getStock, getOverview, getDaily } from "./stock";
export { getTimeseries, getIntraday, parseRange, RANGE_SPECS } from "./timeseries";
export { getTickersBatch, getWatchlist, searchTickersLive, warmWatchlist, MAX_BATCH } from "./tickers";
export { searchTickers } from "./ticker-search";
export type { TickerMatch } from "./schemas";
export { marketHealth } from "./health";
export { shippedSymbols } from "./providers/shipped";
export * from "./types";
