// The API's answers as the portfolio page's components see them (types only: nothing server-side is bundled).
import type { z } from "zod";
import type { portfolioRiskSchema, portfolioSummarySchema, portfolioViewSchema, tradeBodySchema } from "@/server/portfolios";

export type PortfolioView = z.infer<typeof portfolioViewSchema>;
export type PortfolioSummary = z.infer<typeof portfolioSummarySchema>;
export type PortfolioRiskView = z.infer<typeof portfolioRiskSchema>;
export type TradeInput = z.input<typeof tradeBodySchema>;

export const smallButton =
  "rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800";
export const mutedText = "text-zinc-600 dark:text-zinc-400";

const pct = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const formatShare = (x: number) => (Number.isFinite(x) ? pct.format(x) : "—");
export const formatShares = (q: number) => String(Number(q.toFixed(6)));
