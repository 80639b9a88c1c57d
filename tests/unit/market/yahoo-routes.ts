// Replay routes for Yahoo Finance: the recorded answers in tests/fixtures/providers/yahoo (see its README),
// served at /<host>/<path> — the provider's fetch sends https://<host>/<path> there when YAHOO_BASE_URL is set.
import { fixtureJson, type ReplayRoute, type ReplayServer } from "../../support/replay-server";

export const Q1 = "/query1.finance.yahoo.com";
export const Q2 = "/query2.finance.yahoo.com";

/** The cookie + crumb handshake yahoo-finance2 makes before quote() and quoteSummary(). */
export function crumbRoutes(): ReplayRoute[] {
  const page = fixtureJson<{ status: number; "content-type": string; "set-cookie": string[] }>("yahoo/getCrumb-quote-AAPL.headers.json");
  return [
    // The recorded page's 1.5 MB body is not kept: the library reads only its status and Set-Cookie headers.
    { path: "/finance.yahoo.com/quote/AAPL", status: page.status, headers: { "content-type": page["content-type"], "set-cookie": page["set-cookie"] }, body: "<!doctype html><title>Yahoo Finance</title>" },
    { path: `${Q1}/v1/test/getcrumb`, fixture: "yahoo/getcrumb.txt", headers: { "content-type": "text/plain;charset=utf-8" } },
  ];
}

/** Every recorded answer the Yahoo tests use. */
export function yahooRoutes(server: ReplayServer): void {
  server.on(
    ...crumbRoutes(),
    { path: `${Q2}/v7/finance/quote`, query: { symbols: "AAPL" }, fixture: "yahoo/quote-AAPL.json" },
    { path: `${Q2}/v7/finance/quote`, query: { symbols: "SPOT" }, fixture: "yahoo/quote-SPOT.json" },
    { path: `${Q2}/v8/finance/chart/AAPL`, fixture: "yahoo/chart-AAPL.json" },
    { path: `${Q2}/v8/finance/chart/SPOT`, fixture: "yahoo/chart-SPOT-2020-01-01-to-2020-01-03.json" },
    { path: `${Q2}/v10/finance/quoteSummary/AAPL`, fixture: "yahoo/quoteSummary-assetProfile-AAPL.json" },
    { path: `${Q2}/v1/finance/search`, query: { q: "Bayerische Motoren Werke AG" }, fixture: "yahoo/search-Bayerische Motoren Werke AG.json" },
  );
}
