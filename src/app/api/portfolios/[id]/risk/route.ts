import { preflight, route } from "@/server/route";
import { portfolioRiskFor } from "@/server/portfolios/risk-service";
import { portfolioIdParamsSchema } from "@/server/portfolios";

// GET /api/portfolios/{id}/risk: 1-day and 1-week VaR and ES at 95% and 99%, each beside its walk-forward backtest
export const GET = route({ name: "/api/portfolios/[id]/risk", auth: "user", params: portfolioIdParamsSchema }, async ({ principal, params }) =>
  portfolioRiskFor({ principal: principal!, id: params.id }),
);
export const OPTIONS = preflight;
