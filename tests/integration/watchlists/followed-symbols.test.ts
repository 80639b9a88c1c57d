// People's own symbols are kept current (issue 20: "their symbols are refreshed and kept trained"): the daily
// refresh brings bars for the configured watchlist, the symbols on people's watchlists and the symbols with an
// alert switched on; the weekly training and the first-start warm-up train the configured watchlist, then
// people's symbols, the ones the most people list first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertsRoutes from "@/app/api/alerts/route";
import * as alertRoutes from "@/app/api/alerts/[id]/route";
import * as watchlistRoutes from "@/app/api/watchlists/route";
import { refreshTargets } from "@/server/refresh/daily-refresh";
import { followedSymbols, keptSymbols } from "@/server/watchlists/followed";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { registerUser } from "../support/push-test-env";

let env: AuthTestEnv;
beforeAll(async () => {
  // A live provider is configured (never reached here: only the target list is asked for).
  env = await setUpAuthTestEnv({ env: { POLYGON_API_KEY: "test-polygon-key", POLYGON_BASE_URL: "http://127.0.0.1:9/polygon", PROVIDER_ORDER: "polygon", WATCHLIST: "AAPL,MSFT" } });
});
afterAll(async () => env?.teardown());

describe("people's own symbols", () => {
  it("are refreshed, with the symbols that have alerts, and trained after the configured watchlist, most listed first", async () => {
    const a = await registerUser("fol_a");
    const b = await registerUser("fol_b");
    const list = (u: { auth: Record<string, string> }, name: string, symbols: string[]) => call(watchlistRoutes.POST, { method: "POST", body: { name, symbols }, headers: u.auth });
    expect((await list(a, "Chips", ["AMD", "NVDA"])).status).toBe(201);
    expect((await list(a, "Banks", ["JPM", "AMD"])).status).toBe(201);
    expect((await list(b, "Mine", ["NVDA", "MSFT"])).status).toBe(201);
    // NVDA is on two people's lists; AMD (one person's two lists), JPM and MSFT on one person's each.
    expect(await followedSymbols()).toEqual(["NVDA", "AMD", "JPM", "MSFT"]);
    expect(await followedSymbols({ limit: 1 })).toEqual(["NVDA"]);
    expect(await keptSymbols("test")).toEqual(["AAPL", "MSFT", "NVDA", "AMD", "JPM"]);

    const alert = await call(alertsRoutes.POST, { method: "POST", body: { symbol: "IBM", type: "low_52w" }, headers: b.auth });
    expect(alert.status).toBe(201);
    expect(await refreshTargets()).toEqual({ symbols: ["AAPL", "AMD", "IBM", "JPM", "MSFT", "NVDA"] });
    // A paused alert's symbol is not fetched for it.
    await call(alertRoutes.PATCH, { method: "PATCH", body: { active: false }, params: { id: alert.json.id }, headers: b.auth });
    expect(await refreshTargets()).toEqual({ symbols: ["AAPL", "AMD", "JPM", "MSFT", "NVDA"] });
  });
});
