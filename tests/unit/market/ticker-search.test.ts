// The ticker search a person types into: symbols, company names, typos and industry words find the right
// company first (src/server/market/ticker-search.ts over data/tickers.csv).
import { describe, expect, it } from "vitest";
import { searchTickers } from "@/server/market";
import { useProviders } from "./setup";

const first = (q: string) => searchTickers({ q })[0]?.symbol;
const symbols = (q: string) => searchTickers({ q }).map((m) => m.symbol);

describe("ticker search", () => {
  it("puts the exact symbol first, then symbol and name prefixes", () => {
    useProviders();
    expect(searchTickers({ q: "msft" })[0]).toEqual({ symbol: "MSFT", name: "Microsoft", exchange: "NASDAQ" });
    expect(symbols("aapl")).toEqual(["AAPL"]);
    expect(first("goog")).toBe("GOOGL");
    expect(symbols("micro").slice(0, 2)).toEqual(["MSFT", "AMD"]);
  });

  it("forgives typos in company names", () => {
    useProviders();
    expect(first("mircosoft")).toBe("MSFT");
    expect(first("appel")).toBe("AAPL");
    expect(first("nvida")).toBe("NVDA");
    expect(first("Walmrt")).toBe("WMT");
  });

  it("ignores spaces inside a name and finds a company by its industry", () => {
    useProviders();
    expect(first("jp morgan")).toBe("JPM");
    expect(first("JP Morgan Chase")).toBe("JPM");
    expect(first("bank")).toBe("JPM");
    expect(symbols("semiconductor").sort()).toEqual(["AMD", "AVGO", "INTC", "NVDA"]);
  });

  it("finds nothing for text like no company, and nothing for empty text", () => {
    useProviders();
    expect(symbols("qqqzz")).toEqual([]);
    expect(symbols("   ")).toEqual([]);
  });

  it("keeps far-fetched fuzzy matches out of the list", () => {
    useProviders();
    expect(symbols("tesla")).toEqual(["TSLA"]);
    expect(symbols("appel")).toEqual(["AAPL"]);
    expect(searchTickers({ q: "a", limit: 3 })).toHaveLength(3);
  });
});
