import "server-only";
import { getEnv } from "@/env";
import type { MarketProvider, ProviderName } from "../types";
import { alphaVantageProvider } from "./alpha-vantage";
import { finnhubProvider } from "./finnhub";
import { polygonProvider } from "./polygon";
import { shippedProvider } from "./shipped";
import { yahooProvider } from "./yahoo";

export const PROVIDERS: Record<ProviderName, MarketProvider> = {
  shipped: shippedProvider,
  alphavantage: alphaVantageProvider,
  finnhub: finnhubProvider,
  polygon: polygonProvider,
  yahoo: yahooProvider,
};

const ALIASES: Record<string, ProviderName> = { av: "alphavantage", alpha_vantage: "alphavantage", "alpha-vantage": "alphavantage", "yahoo-finance": "yahoo", yahoofinance: "yahoo" };

/** PROVIDER_ORDER as provider names; unknown names are ignored and the shipped set is always last. */
export function providerOrder(): ProviderName[] {
  const names = getEnv()
    .PROVIDER_ORDER.split(",")
    .map((s) => s.trim().toLowerCase())
    .map((s) => ALIASES[s] ?? s)
    .filter((s): s is ProviderName => s in PROVIDERS && s !== "shipped");
  return [...new Set(names), "shipped"];
}
