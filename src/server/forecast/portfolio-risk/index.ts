// The portfolio risk engine's door (a side door of the forecast engine, SIDE_DOORS in
// tests/support/import-graph.ts): the VaR/ES forecast on the engine's volatility plan. Plain TypeScript
// without server code: the training worker, the portfolios area and the benchmark load it.
export { alignForRisk, volPathsOf, type VolPaths } from "./inputs";
export { portfolioRisk, type PortfolioRisk, RISK_DEFAULTS, RISK_LEVELS, type RiskOptions, type RiskSeries } from "./portfolio-var";
