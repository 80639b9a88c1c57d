// The MCP tools: each one is a REST operation, described for a model. A call goes through the REST route
// handler itself (same zod validation, auth and rate limit), so the two surfaces cannot disagree.
import "server-only";
import { z } from "zod";
import type { AuthLevel } from "@/lib/route";
import * as modelsSymbol from "@/app/api/models/[symbol]/route";
import * as news from "@/app/api/news/route";
import * as overviewSymbol from "@/app/api/overview/[symbol]/route";
import * as predictionsSymbol from "@/app/api/predictions/[symbol]/route";
import * as predictionsHistory from "@/app/api/predictions/[symbol]/history/route";
import * as stockSymbol from "@/app/api/stock/[symbol]/route";
import * as tickersSearch from "@/app/api/tickers/search/route";
import * as timeseriesSymbol from "@/app/api/timeseries/[symbol]/route";

type Handler = ((req: never, segment: { params: Promise<Record<string, string>> }) => Promise<Response>) & { route: { auth: AuthLevel } };

export interface McpTool {
  name: string;
  title: string;
  description: string;
  /** REST path template the tool calls, e.g. "/api/stock/{symbol}". */
  path: string;
  handler: Handler;
  /** Loose shapes for the client's form; the route's own zod schemas do the validation. */
  input: z.ZodRawShape;
}

const symbol = z.string().describe("Ticker symbol, e.g. AAPL, MSFT or BRK.B (1-10 characters of A-Z, 0-9, '.' or '-'); use search_symbols to find one from a company name");
const h = (m: { GET: unknown }) => m.GET as Handler;

export const MCP_TOOLS: McpTool[] = [
  {
    name: "search_symbols",
    title: "Search symbols",
    description: "Find ticker symbols by ticker or company name (e.g. q='apple' finds AAPL). Returns matches with name and exchange. Use this first when the user names a company rather than a ticker.",
    path: "/api/tickers/search",
    handler: h(tickersSearch),
    input: { q: z.string().describe("Part of a ticker or company name, 1-50 characters"), limit: z.number().int().optional().describe("Most results to return, 1-25 (default 10)") },
  },
  {
    name: "get_quote",
    title: "Quote",
    description: "Latest price, change and about a month of daily closes for one symbol, with the data source and as-of date. The shipped data set is historical, so the as-of date may be in the past: always tell the user the as-of date.",
    path: "/api/stock/{symbol}",
    handler: h(stockSymbol),
    input: { symbol },
  },
  {
    name: "get_price_history",
    title: "Price history",
    description: "Chart points (date, open, high, low, close, volume) for one symbol over a range, at that range's resolution, with source and as-of date.",
    path: "/api/timeseries/{symbol}",
    handler: h(timeseriesSymbol),
    input: { symbol, range: z.enum(["1D", "1W", "1M", "3M", "6M", "YTD", "1Y", "2Y", "5Y", "10Y"]).optional().describe("Time range (default 1M)") },
  },
  {
    name: "get_company_facts",
    title: "Company facts",
    description: "Company profile for one symbol: name, sector, industry, description, market cap and P/E where a provider has them, 52-week range and average volume, with source and as-of date.",
    path: "/api/overview/{symbol}",
    handler: h(overviewSymbol),
    input: { symbol },
  },
  {
    name: "get_news",
    title: "News",
    description: "Recent market news, or a company's news when symbol is given, each with a sentiment score. May be empty with a reason when no news provider is configured.",
    path: "/api/news",
    handler: h(news),
    input: { symbol: symbol.optional(), limit: z.number().int().optional().describe("Most articles, 1-50 (default 6)") },
  },
  {
    name: "get_forecast",
    title: "Forecast",
    description: "Price forecasts for one symbol from every active model (1 day, 2 days, 1 week ahead), each with a prediction interval and the model's walk-forward error scores, plus an ensemble. Statistical estimates, not investment advice: say so. If the first forecast is still being computed the answer is a job to retry in a few seconds. Needs an API key.",
    path: "/api/predictions/{symbol}",
    handler: h(predictionsSymbol),
    input: { symbol },
  },
  {
    name: "compare_models",
    title: "Model comparison",
    description: "Each forecasting model's readiness for one symbol (ready, training, stale), how recent its training data is, its versions and walk-forward metrics (MAE, RMSE, MAPE, interval coverage), to compare which model has been most accurate.",
    path: "/api/models/{symbol}",
    handler: h(modelsSymbol),
    input: { symbol },
  },
  {
    name: "get_track_record",
    title: "Forecast track record",
    description: "Past forecasts for one symbol checked against what the price actually did, per model and horizon. Needs an API key.",
    path: "/api/predictions/{symbol}/history",
    handler: h(predictionsHistory),
    input: {
      symbol,
      days: z.number().int().optional().describe("How many days back, 1-3650"),
      model: z.enum(["naive", "drift", "arima", "random_forest", "gbt", "lstm", "prophet", "ensemble"]).optional().describe("Only this model"),
      horizon: z.enum(["1d", "2d", "1w"]).optional().describe("Only this horizon"),
    },
  },
];

/** Tools a caller may use: the public ones for anonymous callers, all of them with a key or token. */
export function toolsFor({ signedIn }: { signedIn: boolean }): McpTool[] {
  return MCP_TOOLS.filter((t) => signedIn || t.handler.route.auth === "none" || t.handler.route.auth === "optional");
}
