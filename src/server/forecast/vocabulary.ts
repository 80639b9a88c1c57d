// The forecast engine's vocabulary, a side door of the forecast area (SIDE_DOORS in tests/support/import-graph.ts):
// horizons, series and model types, model and volatility-model names, the backtest record types. It loads no
// engine code, so schemas, pages, client components and the ledger read it without pulling in the models.
export * from "./backtest-records";
export * from "./model-names";
export * from "./types";
export * from "./volatility/names";
