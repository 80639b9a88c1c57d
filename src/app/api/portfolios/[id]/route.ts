import { preflight, route } from "@/server/route";
import { deletePortfolioFor, getPortfolioFor, portfolioIdParamsSchema, updatePortfolioBodySchema, updatePortfolioFor } from "@/server/portfolios";

// GET /api/portfolios/{id}: holdings, value, gains, weights, sector mix and the benchmark comparison
export const GET = route({ name: "/api/portfolios/[id]", auth: "user", params: portfolioIdParamsSchema }, async ({ principal, params }) =>
  getPortfolioFor({ principal: principal!, id: params.id }),
);

// PATCH /api/portfolios/{id}: rename, or replace the transactions (entering holdings by hand sends the whole new list)
export const PATCH = route(
  { name: "/api/portfolios/[id]", auth: "user", params: portfolioIdParamsSchema, body: updatePortfolioBodySchema, maxBodyBytes: 1024 * 1024 },
  async ({ principal, params, body }) => updatePortfolioFor({ principal: principal!, id: params.id, ...body }),
);

// DELETE /api/portfolios/{id}: remove the portfolio and its transactions
export const DELETE = route({ name: "/api/portfolios/[id]", auth: "user", params: portfolioIdParamsSchema }, async ({ principal, params }) =>
  deletePortfolioFor({ principal: principal!, id: params.id }),
);
export const OPTIONS = preflight;
