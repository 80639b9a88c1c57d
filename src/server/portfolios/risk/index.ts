// The portfolio risk engine's door (a side door of the portfolios area, SIDE_DOORS in
// tests/support/import-graph.ts): the VaR/ES forecast on the forecast engine's volatility plan. Plain
// TypeScript without server code: the training worker and the benchmark load it, the portfolio routes do not.
export { alignForRisk, volPathsOf, type VolPaths } from "./inputs";
export { portfolioRisk, type PortfolioRisk, type RiskOptions, type RiskSeries } from "./portfolio-var";
