// Bodies and answers of the portfolio endpoints. Strict objects: an unknown field is a 400, not ignored.
import { z } from "zod";
import { symbolSchema } from "@/lib/symbol";
import { isCalendarDate, MAX_TRANSACTIONS } from "./csv-import";

export const MAX_PORTFOLIOS = 20;
/** Largest CSV an import accepts (about 5000 rows of a broker's export). */
export const MAX_IMPORT_BYTES = 512 * 1024;

const name = z
  .string()
  .trim()
  .min(1, "Give the portfolio a name")
  .max(40, "Name must be at most 40 characters")
  .regex(/^[\p{L}\p{N} ._&'()-]+$/u, "Name may contain letters, digits, spaces and . _ & ' ( ) -");

export const tradeBodySchema = z.strictObject({
  date: z.string().refine(isCalendarDate, "Use a day of the calendar written YYYY-MM-DD").meta({ example: "2023-01-03" }),
  symbol: symbolSchema.meta({ example: "AAPL" }),
  quantity: z.number().refine((q) => q !== 0, "Quantity must not be 0 (negative for a sale)").refine((q) => Math.abs(q) <= 1e9, "Quantity is larger than a billion shares").meta({ example: 10 }),
  price: z.number().positive("Price must be greater than 0").max(1e7, "Price is above 10,000,000").meta({ example: 125.07 }),
  fees: z.number().min(0, "Fees must be 0 or more").max(1e7, "Fees are above 10,000,000").default(0).meta({ example: 1 }),
});
export type TradeBody = z.infer<typeof tradeBodySchema>;

const transactions = z.array(tradeBodySchema).max(MAX_TRANSACTIONS, `A portfolio holds at most ${MAX_TRANSACTIONS} transactions`);

export const createPortfolioBodySchema = z.strictObject({ name, transactions: transactions.default([]) });
export const updatePortfolioBodySchema = z
  .strictObject({ name: name.optional(), transactions: transactions.optional() })
  .refine((b) => b.name !== undefined || b.transactions !== undefined, { message: "Give a new name, new transactions, or both", path: ["name"] });
export const portfolioIdParamsSchema = z.strictObject({ id: z.string().regex(/^[a-z0-9]{20,40}$/, "Invalid portfolio id") });

export const importCsvBodySchema = z
  .string()
  .refine((s) => s.trim().length > 0, "The file is empty: send a CSV with a header row (date,symbol,quantity,price,fees) and one row per transaction")
  .meta({
    description: "CSV, one transaction per row under a header row: date (YYYY-MM-DD), symbol, quantity (negative for a sale), price, fees (optional, default 0)",
    example: "date,symbol,quantity,price,fees\n2023-01-03,AAPL,10,125.07,1\n2023-01-03,JPM,5,134.50,1\n2023-06-01,AAPL,-4,180.09,1\n",
  });

const iso = z.string().meta({ description: "ISO 8601 time" });
const day = z.string().meta({ description: "ISO date (YYYY-MM-DD)", example: "2024-03-08" });

export const transactionViewSchema = z.object({ id: z.string(), date: day, symbol: z.string(), quantity: z.number(), price: z.number(), fees: z.number() });

export const portfolioSummarySchema = z
  .object({ id: z.string(), name: z.string(), symbols: z.array(z.string()), transactions: z.number().int(), createdAt: iso, updatedAt: iso })
  .meta({ id: "PortfolioSummary" });
export const portfolioListSchema = z.object({ portfolios: z.array(portfolioSummarySchema) });

const holdingSchema = z.object({
  symbol: z.string(),
  name: z.string().nullable(),
  sector: z.string().meta({ description: "GICS sector from the shipped company facts; 'Not classified' for symbols outside them" }),
  quantity: z.number(),
  averageCost: z.number().meta({ description: "Per share held, buy fees included" }),
  costBasis: z.number(),
  lastClose: z.number(),
  value: z.number(),
  weight: z.number().meta({ description: "Share of the portfolio's value (0-1)" }),
  unrealisedGain: z.number(),
  realisedGain: z.number(),
  fees: z.number(),
});

export const benchmarkSchema = z
  .object({
    from: day,
    to: day,
    portfolioReturn: z.number().meta({ description: "Time-weighted price return over the period (0.1 = +10%)" }),
    benchmarkReturn: z.number().meta({ description: "Equal-weight, daily rebalanced price return of the universe over the same days" }),
    universe: z.array(z.string()),
    series: z.array(z.object({ date: day, portfolio: z.number(), benchmark: z.number() })).meta({ description: "Growth of 100, at most about 250 days" }),
  })
  .meta({ id: "BenchmarkComparison" });

export const portfolioViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: iso,
    updatedAt: iso,
    currency: z.literal("USD"),
    asOf: day.nullable().meta({ description: "Date of the closes the figures use; null with no holdings" }),
    source: z.string().nullable().meta({ description: "Where the closes came from (e.g. shipped: the historical data set, not live)" }),
    value: z.number(),
    costBasis: z.number(),
    gains: z.object({ realised: z.number(), unrealised: z.number(), total: z.number(), fees: z.number().meta({ description: "All fees paid; already counted in the gains" }) }),
    holdings: z.array(holdingSchema),
    closed: z.array(z.object({ symbol: z.string(), realisedGain: z.number(), fees: z.number() })),
    sectors: z.array(z.object({ sector: z.string(), value: z.number(), weight: z.number() })),
    benchmark: benchmarkSchema.nullable(),
    transactions: z.array(transactionViewSchema),
  })
  .meta({ id: "Portfolio" });

export const importResultSchema = z.object({ imported: z.number().int(), portfolio: portfolioViewSchema }).meta({ id: "PortfolioImport" });

export const importRefusedSchema = z
  .object({
    error: z.object({
      code: z.literal("bad_request"),
      message: z.string(),
      rows: z.array(z.object({ line: z.number().int(), reason: z.string() })).optional().meta({ description: "Each refused row with its line in the file (1 = the header row); nothing was imported" }),
    }),
  })
  .meta({
    id: "ImportRefused",
    example: { error: { code: "bad_request", message: "2 rows cannot be imported, so nothing was imported", rows: [{ line: 3, reason: "ZZZZ is not a symbol Stock Hub has prices for" }, { line: 5, reason: "sells 20 AAPL on 2023-06-01 but only 10 are held then" }] } },
  });

export type PortfolioView = z.output<typeof portfolioViewSchema>;
export type PortfolioList = z.output<typeof portfolioListSchema>;
export type ImportResult = z.output<typeof importResultSchema>;
