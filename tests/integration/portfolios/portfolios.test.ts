// A person's portfolios through the routes on the real database and the shipped market data: create with
// trades entered by hand, figures from the shipped closes, rename and replace, another account's portfolio
// unseen, a CSV import that is all-or-nothing with every bad row's line, and the risk figure with its
// backtest computed in the worker pool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listRoutes from "@/app/api/portfolios/route";
import * as oneRoutes from "@/app/api/portfolios/[id]/route";
import * as importRoutes from "@/app/api/portfolios/[id]/import/route";
import * as riskRoutes from "@/app/api/portfolios/[id]/risk/route";
import * as meRoutes from "@/app/api/auth/me/route";
import { getDb } from "@/lib/db";
import { MAX_PORTFOLIOS } from "@/server/portfolios/schemas";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { bearer, ip, registerAccount } from "../support/account-test-env";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1", FORECAST_WORKERS: "1" } });
});
afterAll(async () => env?.teardown());

const create = (token: string, body: unknown) => call(listRoutes.POST, { method: "POST", body, headers: { ...bearer(token), ...ip() } });
const patch = (token: string, id: string, body: unknown) => call(oneRoutes.PATCH, { method: "PATCH", body, headers: { ...bearer(token), ...ip() }, params: { id } });
const importCsv = (token: string, id: string, csv: string) =>
  call(importRoutes.POST, { method: "POST", rawBody: csv, headers: { ...bearer(token), ...ip(), "content-type": "text/csv" }, params: { id } });
const countTrades = async (portfolioId: string) => (await getDb()).portfolioTransaction.count({ where: { portfolioId } });

describe("portfolios", () => {
  it("creates one from trades entered by hand and values it at the shipped closes", async () => {
    const u = await registerAccount("pf");
    const r = await create(u.token, { name: "Pension", transactions: [{ date: "2023-01-03", symbol: "aapl", quantity: 10, price: 125.07, fees: 1 }, { date: "2023-01-03", symbol: "JPM", quantity: 5, price: 134.5 }] });
    expect(r.status).toBe(201);
    // Shipped closes of 2024-03-08: AAPL 170.729996, JPM 188.220001 (data/README.md).
    expect(r.json).toMatchObject({ name: "Pension", currency: "USD", asOf: "2024-03-08", source: "shipped" });
    expect(r.json.value).toBeCloseTo(10 * 170.729996 + 5 * 188.220001, 4);
    expect(r.json.gains.unrealised).toBeCloseTo(10 * 170.729996 - 1251.7 + 5 * 188.220001 - 672.5, 4);
    expect(r.json.gains.fees).toBe(1);
    expect(r.json.sectors.map((s: { sector: string }) => s.sector)).toEqual(["Information Technology", "Financials"]);
    expect(r.json.benchmark).toMatchObject({ from: "2023-01-03", to: "2024-03-08" });
    expect(r.json.benchmark.universe).toHaveLength(23);
    // AAPL 2023-01-03 close 125.07 -> 170.73: the portfolio's return is between its two holdings'.
    expect(r.json.benchmark.portfolioReturn).toBeGreaterThan(0.3);

    const list = await call(listRoutes.GET, { headers: bearer(u.token) });
    expect(list.json.portfolios).toEqual([expect.objectContaining({ id: r.json.id, name: "Pension", symbols: ["AAPL", "JPM"], transactions: 2 })]);

    const renamed = await patch(u.token, r.json.id, { name: "Retirement", transactions: [{ date: "2023-01-03", symbol: "MSFT", quantity: 3, price: 239.58 }] });
    expect(renamed.json).toMatchObject({ name: "Retirement", holdings: [expect.objectContaining({ symbol: "MSFT", quantity: 3 })] });
    expect(await countTrades(r.json.id)).toBe(1);
  });

  it("refuses trades that cannot be kept and saves none of them", async () => {
    const u = await registerAccount("pfbad");
    const cases: [unknown, string][] = [
      [{ name: "X", transactions: [{ date: "2023-01-03", symbol: "ZZZZ", quantity: 1, price: 1 }] }, "transactions item 1: ZZZZ is not a symbol Stock Hub has prices for; nothing was saved"],
      [{ name: "X", transactions: [{ date: "2023-01-03", symbol: "AAPL", quantity: 1, price: 1 }, { date: "2023-01-04", symbol: "AAPL", quantity: -2, price: 1 }] }, "transactions item 2: sells 2 AAPL on 2023-01-04 but only 1 is held then; nothing was saved"],
      [{ name: "X", transactions: [{ date: "2024-06-03", symbol: "AAPL", quantity: 1, price: 1 }] }, "transactions item 1: 2024-06-03 is after the latest AAPL close (2024-03-08); nothing was saved"],
      [{ name: "X", transactions: [{ date: "2023-01-03", symbol: "AAPL", quantity: 0, price: 1 }] }, "quantity item 1: Quantity must not be 0 (negative for a sale)"],
      [{ name: "X", colour: "red" }, "Unknown field: colour"],
    ];
    for (const [body, message] of cases) {
      const r = await create(u.token, body);
      expect([r.status, r.json.error.message]).toEqual([400, message]);
    }
    expect((await call(listRoutes.GET, { headers: bearer(u.token) })).json.portfolios).toEqual([]);
    expect((await create(u.token, { name: "Mine" })).status).toBe(201);
    const again = await create(u.token, { name: "Mine" });
    expect([again.status, again.json.error.message]).toEqual([409, "You already have a portfolio with this name"]);
  });

  it("another account's portfolio is not found on any route, and the cap is said in words", async () => {
    const a = await registerAccount("pfa");
    const b = await registerAccount("pfb");
    const mine = await create(a.token, { name: "Private", transactions: [{ date: "2023-01-03", symbol: "TSLA", quantity: 1, price: 108.1 }] });
    const params = { id: mine.json.id };
    for (const r of [
      await call(oneRoutes.GET, { headers: bearer(b.token), params }),
      await patch(b.token, mine.json.id, { name: "Taken" }),
      await importCsv(b.token, mine.json.id, "date,symbol,quantity,price\n2023-01-03,AAPL,1,100\n"),
      await call(riskRoutes.GET, { headers: bearer(b.token), params }),
      await call(oneRoutes.DELETE, { method: "DELETE", headers: bearer(b.token), params }),
    ]) {
      expect([r.status, r.json.error.message]).toEqual([404, "No portfolio with this id"]);
    }
    expect((await call(oneRoutes.GET, { headers: bearer(a.token), params })).json.name).toBe("Private");
    expect((await call(oneRoutes.GET, { params })).status).toBe(401);
    for (let i = 1; i < MAX_PORTFOLIOS; i++) expect((await create(a.token, { name: `P ${i}` })).status).toBe(201);
    const over = await create(a.token, { name: "One too many" });
    expect([over.status, over.json.error.message]).toEqual([409, `You have ${MAX_PORTFOLIOS} portfolios, the most allowed; delete one first`]);
  });

  it("imports a CSV all-or-nothing: bad rows are listed with their lines and nothing is written; a good file is", async () => {
    const u = await registerAccount("pfcsv");
    const p = await create(u.token, { name: "Imported", transactions: [{ date: "2023-01-03", symbol: "AAPL", quantity: 10, price: 125.07, fees: 1 }] });
    const bad = [
      "date,symbol,quantity,price,fees",
      "2023-02-01,MSFT,4,247.81,1",
      "2023-02-01,ZZZZ,4,10,1",
      "2023-13-01,MSFT,4,247.81,1",
      "2023-06-01,AAPL,-11,180.09,1",
      "2023-06-02,JPM,two,140,0",
    ].join("\n");
    const refused = await importCsv(u.token, p.json.id, bad);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({
      code: "bad_request",
      message: "4 rows cannot be imported (line 3: ZZZZ is not a symbol Stock Hub has prices for; and 3 more), so nothing was imported",
      rows: [
        { line: 3, reason: "ZZZZ is not a symbol Stock Hub has prices for" },
        { line: 4, reason: 'date "2023-13-01" is not a day of the calendar' },
        { line: 5, reason: "sells 11 AAPL on 2023-06-01 but only 10 are held then" },
        { line: 6, reason: 'quantity "two" is not a number (write 1234.5, without currency signs or thousands separators)' },
      ],
    });
    expect(await countTrades(p.json.id)).toBe(1);

    const good = "date,symbol,quantity,price,fees\n2023-02-01,MSFT,4,247.81,1\n2023-06-01,AAPL,-4,180.09,1\n";
    const ok = await importCsv(u.token, p.json.id, good);
    expect(ok.status).toBe(200);
    expect(ok.json.imported).toBe(2);
    expect(ok.json.portfolio.holdings.map((h: { symbol: string; quantity: number }) => [h.symbol, h.quantity])).toEqual([["MSFT", 4], ["AAPL", 6]]);
    // AAPL: 4 sold at 180.09 less 1 of fees, against an average cost of (1250.7 + 1) / 10 each.
    expect(ok.json.portfolio.gains.realised).toBeCloseTo(4 * 180.09 - 1 - 4 * 125.17, 6);
    expect(await countTrades(p.json.id)).toBe(3);

    const empty = await importCsv(u.token, p.json.id, "  \n");
    expect([empty.status, empty.json.error.message]).toEqual([400, "The file is empty: send a CSV with a header row (date,symbol,quantity,price,fees) and one row per transaction"]);
    const nul = await importCsv(u.token, p.json.id, "date,symbol,quantity,price\n2023-01-03,AAPL,1,1\u0000\n");
    expect(nul.status).toBe(400);
    expect(await countTrades(p.json.id)).toBe(3);
  });

  it("gives the risk figure with its walk-forward backtest, and deleting the account removes the portfolios", async () => {
    const u = await registerAccount("pfrisk");
    const p = await create(u.token, { name: "Risk", transactions: [{ date: "2020-01-02", symbol: "AAPL", quantity: 10, price: 75 }, { date: "2020-01-02", symbol: "JNJ", quantity: 10, price: 145 }] });
    const r = await call(riskRoutes.GET, { headers: bearer(u.token), params: { id: p.json.id } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ portfolioId: p.json.id, asOf: "2024-03-08", source: "shipped", currency: "USD" });
    expect(r.json.horizons.map((h: { horizon: string }) => h.horizon)).toEqual(["1d", "1w"]);
    for (const h of r.json.horizons) {
      expect(h.reason).toBeNull();
      expect(h.levels.map((l: { level: number }) => l.level)).toEqual([0.95, 0.99]);
      for (const l of h.levels) {
        expect(l.es).toBeGreaterThan(l.var);
        expect(l.varAmount).toBeCloseTo(l.var * r.json.value, 6);
        expect(l.backtest.origins).toBeGreaterThanOrEqual(h.horizon === "1d" ? 250 : 50);
        expect(l.backtest.coverage).toBeGreaterThan(l.level - 0.05);
        expect(["green", "yellow", "red"]).toContain(l.backtest.baselZone.zone);
      }
    }
    expect(r.json.horizons[1].levels[0].var).toBeGreaterThan(r.json.horizons[0].levels[0].var);
    expect(r.json.correlation.symbols).toEqual(["AAPL", "JNJ"]);
    // The same holdings and closes: the cached answer.
    const again = await call(riskRoutes.GET, { headers: bearer(u.token), params: { id: p.json.id } });
    expect(again.json).toEqual(r.json);

    const empty = await create(u.token, { name: "Empty" });
    const none = await call(riskRoutes.GET, { headers: bearer(u.token), params: { id: empty.json.id } });
    expect([none.status, none.json.error.message]).toEqual([409, "This portfolio holds nothing now: add or import transactions first"]);

    const del = await call(meRoutes.DELETE, { method: "DELETE", body: { password: u.password }, headers: { ...bearer(u.token), ...ip() } });
    expect(del.json.removed.portfolios).toBe(2);
    expect(await (await getDb()).portfolio.count({ where: { userId: u.id } })).toBe(0);
    expect(await countTrades(p.json.id)).toBe(0);
  }, 300_000);
});
