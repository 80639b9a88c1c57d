// The MCP tools: each one is a REST operation, described for a model. A call goes through the REST route
// handler itself (same zod validation, auth and rate limit), so the two surfaces cannot disagree.
import "server-only";
import { z } from "zod";
import * as modelsSymbol from "@/app/api/models/[symbol]/route";
import * as news from "@/app/api/news/route";
import * as overviewSymbol from "@/app/api/overview/[symbol]/route";
import * as predictionsSymbol from "@/app/api/predictions/[symbol]/route";
import * as predictionsHistory from "@/app/api/predictions/[symbol]/history/route";
import * as stockSymbol from "@/app/api/stock/[symbol]/route";
import * as tickersSearch from "@/app/api/tickers/search/route";
import * as timeseriesSymbol from "@/app/api/timeseries/[symbol]/route";
import * as trackRecord from "@/app/api/track-record/route";
import { handlerOf, symbolArg as symbol, type McpTool } from "./mcp-tool";
import { ACCOUNT_TOOLS } from "./mcp-tools-account";

export type { McpTool } from "./mcp-tool";

const MARKET_TOOLS: McpTool[] = [
  {
    name: "search_symbols",
    title: "Search symbols",
    description: "Find ticker symbols by ticker or company name (e.g. q='apple' finds AAPL). Returns matches with name and exchange. Use this first when the user names a company rather than a ticker.",
    method: "GET",
    path: "/api/tickers/search",
    handler: handlerOf(tickersSearch),
    input: { q: z.string().describe("Part of a ticker or company name, 1-50 characters"), limit: z.number().int().optional().describe("Most results to return, 1-25 (default 10)") },
  },
  {
    name: "get_quote",
    title: "Quote",
    description: "Latest price, change and about a month of daily closes for one symbol, with the data source and as-of date. The shipped data set is historical, so the as-of date may be in the past: always tell the user the as-of date.",
    method: "GET",
    path: "/api/stock/{symbol}",
    handler: handlerOf(stockSymbol),
    input: { symbol },
  },
  {
    name: "get_price_history",
    title: "Price history",
    description: "Chart points (date, open, high, low, close, volume) for one symbol over a range, at that range's resolution, with source and as-of date.",
    method: "GET",
    path: "/api/timeseries/{symbol}",
    handler: handlerOf(timeseriesSymbol),
    input: { symbol, range: z.enum(["1D", "1W", "1M", "3M", "6M", "YTD", "1Y", "2Y", "5Y", "10Y"]).optional().describe("Time range (default 1M)") },
  },
  {
    name: "get_company_facts",
    title: "Company facts",
    description: "Company profile for one symbol: name, sector, industry, description, market cap and P/E where a provider has them, 52-week range and average volume, with source and as-of date.",
    method: "GET",
    path: "/api/overview/{symbol}",
    handler: handlerOf(overviewSymbol),
    input: { symbol },
  },
  {
    name: "get_news",
    title: "News",
    description: "Recent market news, or a company's news when symbol is given, each with a sentiment score. May be empty with a reason when no news provider is configured.",
    method: "GET",
    path: "/api/news",
    handler: handlerOf(news),
    input: { symbol: symbol.optional(), limit: z.number().int().optional().describe("Most articles, 1-50 (default 6)") },
  },
  {
    name: "get_forecast",
    title: "Forecast",
    description:
      "Price forecasts for one symbol (1 day, 2 days, 1 week ahead), each with 80/95/99% prediction intervals and the model's walk-forward error scores. A symbol never trained answers at once with the calibrated baseline (stage 'baseline': naive and drift); train_models asks for the full model set. Statistical estimates, not investment advice: say so. Needs an API key.",
    method: "GET",
    path: "/api/predictions/{symbol}",
    handler: handlerOf(predictionsSymbol),
    input: { symbol },
  },
  {
    name: "compare_models",
    title: "Model comparison",
    description: "Each forecasting model's readiness for one symbol (ready, training, stale), how recent its training data is, its versions and walk-forward metrics (MAE, RMSE, MAPE, interval coverage), to compare which model has been most accurate.",
    method: "GET",
    path: "/api/models/{symbol}",
    handler: handlerOf(modelsSymbol),
    input: { symbol },
  },
  {
    name: "get_track_record",
    title: "Forecast track record",
    description: "Past forecasts for one symbol checked against what the price actually did, per model and horizon. Needs an API key.",
    method: "GET",
    path: "/api/predictions/{symbol}/history",
    handler: handlerOf(predictionsHistory),
    input: {
      symbol,
      days: z.number().int().optional().describe("How many days back, 1-3650"),
      model: z.enum(["naive", "drift", "arima", "random_forest", "gbt", "lstm", "prophet", "ensemble"]).optional().describe("Only this model"),
      horizon: z.enum(["1d", "2d", "1w"]).optional().describe("Only this horizon"),
    },
  },
  {
    name: "get_ledger",
    title: "Verifiable forecast ledger",
    description:
      "Every forecast the site served, in a hash-chained ledger written before each target date (prev_hash and hash let anyone check nothing was changed afterwards), with its scores once the actual close is known: inside the 80/95% range, Winkler, CRPS and the error against the naive forecast. Public. Page with after = the previous page's nextAfter.",
    method: "GET",
    path: "/api/track-record",
    handler: handlerOf(trackRecord),
    input: {
      symbol: symbol.optional(),
      model: z.enum(["naive", "drift", "arima", "random_forest", "gbt", "lstm", "prophet", "ensemble"]).optional().describe("Only this model"),
      horizon: z.enum(["1d", "2d", "1w"]).optional().describe("Only this horizon"),
      from: z.string().optional().describe("First origin date, YYYY-MM-DD"),
      to: z.string().optional().describe("Last origin date, YYYY-MM-DD"),
      after: z.number().int().optional().describe("Entries after this sequence number (the previous page's nextAfter)"),
      limit: z.number().int().optional().describe("Entries per page, 1-1000 (default 100)"),
    },
  },
];

export const MCP_TOOLS: McpTool[] = [...MARKET_TOOLS, ...ACCOUNT_TOOLS];

/** Tools a caller may use: the public ones for anonymous callers, the account ones with a key or token, admin ones for admins. */
export function toolsFor({ principal }: { principal: { role: "user" | "admin" } | null }): McpTool[] {
  return MCP_TOOLS.filter((t) => {
    const auth = t.handler.route.auth;
    if (auth === "none" || auth === "optional") return true;
    if (auth === "admin") return principal?.role === "admin";
    return principal !== null;
  });
}
