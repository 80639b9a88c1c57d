// The stock page for a symbol whose stored data failed validation: a page that says the data is unavailable
// (not the error boundary's 500), while another symbol's page still renders its quote.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isValidElement, type ReactElement } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import StockPage from "@/app/stock/[symbol]/page";
import { MarketDataUnavailable } from "@/components/market/market-data-unavailable";
import { clearMarketKeys, useProviders } from "./setup";

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "stock-page-market-"));
  copyFileSync("data/MSFT.csv", join(dir, "MSFT.csv"));
  copyFileSync("data/tickers.csv", join(dir, "tickers.csv"));
  writeFileSync(join(dir, "AMZN.csv"), "\u0000\u00ff garbage, not a csv\n\u0007\u0001");
  useProviders({ env: { MARKET_DATA_DIR: dir } });
  await clearMarketKeys(["AMZN", "MSFT"]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const render = (symbol: string) => StockPage({ params: Promise.resolve({ symbol }), searchParams: Promise.resolve({}) });

describe("stock page with refused market data", () => {
  it("renders the 'market data unavailable' panel for the refused symbol instead of throwing", async () => {
    const page = (await render("AMZN")) as ReactElement<{ symbol: string }>;
    expect(isValidElement(page)).toBe(true);
    expect(page.type).toBe(MarketDataUnavailable);
    expect(page.props.symbol).toBe("AMZN");
  });

  it("renders the quote page for a symbol whose data is valid", async () => {
    const page = (await render("MSFT")) as ReactElement;
    expect(page.type).not.toBe(MarketDataUnavailable);
  });
});
