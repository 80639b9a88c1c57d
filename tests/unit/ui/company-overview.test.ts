// The company card says why market cap and P/E are missing in words true of its source: the shipped data set
// holds prices only (any live service may give them, Yahoo Finance included, keyless), a live source simply
// did not give them for this symbol. The footer names every market-data source the site can use.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CompanyOverview } from "@/components/market/company-overview";
import { SiteFooter } from "@/components/layout/site-footer";
import type { OverviewResponse } from "@/server/market/types";

const base = { symbol: "AAPL", name: "Apple Inc.", exchange: "NASDAQ", sector: "Information Technology", week52High: 199.62, week52Low: 147.61 };
const render = (o: Partial<OverviewResponse>) => renderToStaticMarkup(createElement(CompanyOverview, { overview: { ...base, ...o } as OverviewResponse }));
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;|&#39;/g, "'");

describe("CompanyOverview", () => {
  it("on the shipped data set, says the data set holds prices only and names no key or provider to configure", () => {
    const html = render({ source: "shipped", asOf: "2024-03-08T21:00:00Z", historical: true });
    expect(text(html)).toContain("Market cap and P/E come from a live data service; the historical data set holds prices only.");
    expect(html).not.toMatch(/key|Polygon|Finnhub/);
  });

  it("from a live source without them, says that source gave none, without its delay note", () => {
    const html = render({ source: "yahoo", asOf: "2026-12-07T21:00:00Z", historical: false });
    expect(text(html)).toContain("Yahoo Finance gives no market cap or P/E for this symbol.");
  });

  it("says nothing of them when the source gave a market cap", () => {
    const html = render({ source: "yahoo", asOf: "2026-12-07T21:00:00Z", historical: false, marketCap: 2.63e12 });
    expect(html).not.toContain("fundamentals-note");
    expect(text(html)).toContain("Market cap$2.63T");
  });
});

describe("SiteFooter", () => {
  it("names the keyed providers, Yahoo Finance's delay, the shipped set's nature and SEC EDGAR", () => {
    const t = text(renderToStaticMarkup(createElement(SiteFooter))).replace(/\s+/g, " ");
    expect(t).toContain("Finnhub, Polygon and Alpha Vantage where the site has their keys, Yahoo Finance (15-min delayed) while it is online, otherwise the historical data set shipped with Stock Hub (daily bars, not live)");
    expect(t).toContain("company filings: SEC EDGAR");
  });
});
