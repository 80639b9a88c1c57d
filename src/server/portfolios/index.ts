// The portfolios area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { portfolioRiskSchema } from "./risk-schemas";
export { MAX_IMPORT_BYTES, createPortfolioBodySchema, importCsvBodySchema, portfolioIdParamsSchema, updatePortfolioBodySchema } from "./schemas";
export { portfolioSummarySchema, portfolioViewSchema, tradeBodySchema } from "./schemas";
export { TradesRefused, createPortfolioFor, deletePortfolioFor, getPortfolio, getPortfolioFor, importCsvFor, listPortfolios, listPortfoliosFor, updatePortfolioFor } from "./service";
export type { PortfolioRisk, RiskOptions, RiskSeries, VolPaths } from "@/server/forecast/portfolio-risk";
export { importRefusedSchema, importResultSchema, portfolioListSchema } from "./schemas";
