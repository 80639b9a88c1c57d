import "server-only";
// Alpha Vantage (https://www.alphavantage.co/documentation/). Every answer is HTTP 200, so rate limits
// and errors arrive as JSON bodies ("Note", "Information", "Error Message") and are classified here.
import { getEnv } from "@/env";
import { isRecord, num, ProviderError, requireNum } from "../http";
import type { MarketProvider, Overview, Quote } from "../types";
import { exchangeName } from "../exchanges";
import { regularSessionBars } from "../validate";
import { avDaily } from "./alpha-vantage-daily";
import { avQuery, parseAvSeries } from "./alpha-vantage-api";

export { avQuery, classifyAvBody, easternToIso, parseAvSeries, seriesKey, type AvBodyKind } from "./alpha-vantage-api";

const P = "alphavantage" as const;

export function parseAvQuote(body: Record<string, unknown>): Quote | null {
  const q = body["Global Quote"];
  if (!isRecord(q)) throw new ProviderError(P, "garbage", "no Global Quote object");
  if (Object.keys(q).length === 0) return null; // AV's answer for an unknown symbol
  const price = requireNum(P, q["05. price"], "05. price");
  const previousClose = requireNum(P, q["08. previous close"], "08. previous close");
  return {
    symbol: String(q["01. symbol"] ?? "").toUpperCase(),
    price,
    previousClose,
    change: num(q["09. change"]) ?? price - previousClose,
    changePercent: num(q["10. change percent"]) ?? ((price - previousClose) / previousClose) * 100,
    open: num(q["02. open"]),
    high: num(q["03. high"]),
    low: num(q["04. low"]),
    volume: num(q["06. volume"]),
    time: String(q["07. latest trading day"] ?? ""),
  };
}

export function parseAvOverview(body: Record<string, unknown>): Overview | null {
  if (Object.keys(body).length === 0 || body.Symbol === undefined) return null;
  if (typeof body.Name !== "string") throw new ProviderError(P, "garbage", "overview without Name");
  const opt = (k: string) => num(body[k]);
  const str = (k: string) => (typeof body[k] === "string" && body[k] !== "None" ? (body[k] as string) : undefined);
  const o: Overview = {
    symbol: String(body.Symbol).toUpperCase(),
    name: body.Name,
    sector: str("Sector"),
    industry: str("Industry"),
    exchange: exchangeName(str("Exchange")),
    currency: str("Currency"),
    marketCap: opt("MarketCapitalization"),
    peRatio: opt("PERatio"),
    eps: opt("EPS"),
    dividendYield: opt("DividendYield"),
    beta: opt("Beta"),
    description: str("Description"),
    week52High: opt("52WeekHigh"),
    week52Low: opt("52WeekLow"),
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as Overview;
}

export const alphaVantageProvider: MarketProvider = {
  name: P,
  enabled: () => Boolean(getEnv().ALPHA_VANTAGE_API_KEY),
  async quote(symbol) {
    const body = await avQuery({ function: "GLOBAL_QUOTE", symbol });
    return body ? parseAvQuote(body) : null;
  },
  daily: (symbol, opts) => avDaily(symbol, opts),
  async intraday(symbol, { intervalMin }) {
    const interval = intervalMin === 1 ? "1min" : "60min";
    // Regular session only: extended-hours prints are thin and can be wild (see validate.ts).
    const body = await avQuery({ function: "TIME_SERIES_INTRADAY", symbol, interval, outputsize: "full", extended_hours: "false" });
    if (!body) return null;
    return regularSessionBars(parseAvSeries(body, { intraday: true }), intervalMin);
  },
  async overview(symbol) {
    const body = await avQuery({ function: "OVERVIEW", symbol });
    return body ? parseAvOverview(body) : null;
  },
};
