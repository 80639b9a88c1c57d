// The answer of GET /api/portfolios/{id}/risk: VaR and ES per horizon and level, each beside its backtest.
import { z } from "zod";

const share = (description: string) => z.number().meta({ description });
const day = z.string().meta({ description: "ISO date (YYYY-MM-DD)" });

const levelSchema = z.object({
  level: z.number().meta({ description: "Confidence level, 0.95 or 0.99", example: 0.99 }),
  var: share("Value at risk: the loss not exceeded with this probability, as a share of the value (0.021 = 2.1%)"),
  varAmount: z.number().meta({ description: "The same in USD" }),
  es: share("Expected shortfall: the mean loss when the loss goes past the VaR, as a share of the value"),
  esAmount: z.number(),
  backtest: z.object({
    origins: z.number().int().meta({ description: "Held-out origins checked" }),
    exceptions: z.number().int().meta({ description: "Origins whose loss went past the VaR made there" }),
    expectedExceptions: z.number(),
    coverage: share("Share of origins whose loss stayed within the VaR (the level is the promise)"),
    kupiecPValue: z.number().meta({ description: "Kupiec proportion-of-failures test: a small value (below 0.05) says the exception rate is off" }),
    baselZone: z.object({
      zone: z.enum(["green", "yellow", "red"]),
      origins: z.number().int().meta({ description: "The last origins the zone is read over (250 for 1 day)" }),
      exceptions: z.number().int(),
      yellowFrom: z.number().int(),
      redFrom: z.number().int(),
    }),
    esRatio: z.number().nullable().meta({ description: "Mean of loss / ES over the exception days (1 = the shortfall forecast was right on average)" }),
  }),
});

const horizonSchema = z.object({
  horizon: z.enum(["1d", "1w"]),
  tradingDays: z.number().int(),
  origin: day.nullable(),
  levels: z.array(levelSchema).meta({ description: "Empty when there is no figure (see reason)" }),
  backtest: z
    .object({ from: day, to: day, origins: z.number().int(), recent: z.array(z.object({ date: day, loss: z.number(), var: z.array(z.number()) })).meta({ description: "The last origins: realized loss and the VaR at each level" }) })
    .nullable(),
  reason: z.string().nullable().meta({ description: "Why there is no figure, in words" }),
});

export const portfolioRiskSchema = z
  .object({
    portfolioId: z.string(),
    asOf: day,
    source: z.string(),
    value: z.number(),
    currency: z.literal("USD"),
    weights: z.array(z.object({ symbol: z.string(), weight: z.number() })),
    horizons: z.array(horizonSchema),
    correlation: z
      .object({ symbols: z.array(z.string()), matrix: z.array(z.array(z.number())), shrinkage: z.number(), meanCorrelation: z.number(), days: z.number().int() })
      .nullable()
      .meta({ description: "The Ledoit–Wolf shrunk correlation (toward constant correlation) of the holdings' standardized daily outcomes the figure uses" }),
    method: z.object({ marginals: z.string(), dependence: z.string(), draws: z.number().int(), calibrationWindow: z.number().int(), refitEvery: z.number().int() }),
    computedMs: z.number().int(),
  })
  .meta({ id: "PortfolioRisk" });

export type PortfolioRiskAnswer = z.output<typeof portfolioRiskSchema>;
