import "server-only";
// One DNS lookup at start-up for the first live provider's host: on a machine without internet the
// offline mark is set before the first visitor asks, so no page waits for a failing request.
import { getEnv } from "@/env";
import { probeConnectivity } from "./online";
import { PROVIDERS, providerOrder } from "./providers";

function hostOf(name: string): string | null {
  const env = getEnv();
  const base: Record<string, string> = {
    yahoo: env.YAHOO_BASE_URL ?? "https://query2.finance.yahoo.com",
    finnhub: env.FINNHUB_BASE_URL,
    polygon: env.POLYGON_BASE_URL,
    alphavantage: env.ALPHA_VANTAGE_BASE_URL,
  };
  return base[name] ? new URL(base[name]).hostname : null;
}

export function probeAtStart(): Promise<boolean> {
  const first = providerOrder().find((n) => n !== "shipped" && PROVIDERS[n].enabled());
  const host = first ? hostOf(first) : null;
  return host ? probeConnectivity(host) : Promise.resolve(true);
}
