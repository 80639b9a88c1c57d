// One set of exchange names: the recorded answers name Apple's listing XNAS (Polygon), "NASDAQ NMS - GLOBAL MARKET"
// (Finnhub) and NASDAQ (Alpha Vantage, the shipped set).
import { describe, expect, it } from "vitest";
import { exchangeName } from "@/server/market/exchanges";
import { fixtureJson } from "../../support/replay-server";

describe("exchange names", () => {
  it("gives the recorded providers' names for one listing the same name", () => {
    const polygon = fixtureJson<{ results: { primary_exchange: string } }>("polygon/ticker-details-AAPL.json").results.primary_exchange;
    const finnhub = fixtureJson<{ exchange: string }>("finnhub/profile2-AAPL.json").exchange;
    const av = fixtureJson<{ Exchange: string }>("alphavantage/overview-TSLA-2023.json").Exchange;
    expect([polygon, finnhub, av]).toEqual(["XNAS", "NASDAQ NMS - GLOBAL MARKET", "NASDAQ"]);
    expect([polygon, finnhub, av].map(exchangeName)).toEqual(["NASDAQ", "NASDAQ", "NASDAQ"]);
  });

  it("names NYSE and its sister markets, and passes unknown names through", () => {
    expect(["XNYS", "NYSE", "NEW YORK STOCK EXCHANGE, INC."].map(exchangeName)).toEqual(["NYSE", "NYSE", "NYSE"]);
    expect(["ARCX", "NYSE ARCA"].map(exchangeName)).toEqual(["NYSE Arca", "NYSE Arca"]);
    expect(["XASE", "NYSE MKT LLC", "NYSE American"].map(exchangeName)).toEqual(["NYSE American", "NYSE American", "NYSE American"]);
    expect(["BATS", "XNGS", "NASDAQ Global Select"].map(exchangeName)).toEqual(["Cboe", "NASDAQ", "NASDAQ"]);
    expect(exchangeName("LONDON STOCK EXCHANGE")).toBe("LONDON STOCK EXCHANGE");
    expect(exchangeName("  ")).toBeUndefined();
    expect(exchangeName(undefined)).toBeUndefined();
  });
});
