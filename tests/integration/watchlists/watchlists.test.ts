// A person's own watchlists through the routes on the real database: several named lists, symbols kept in the
// person's order (add, remove and reorder replace the list), bad input explained, another account's list
// unseen, the per-account cap, and the home page's choice of list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listRoutes from "@/app/api/watchlists/route";
import * as oneRoutes from "@/app/api/watchlists/[id]/route";
import { getDb } from "@/lib/db";
import { homeWatchlist } from "@/server/watchlists/service";
import { MAX_WATCHLISTS } from "@/server/watchlists/schemas";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { bearer, registerAccount } from "../support/account-test-env";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1" } });
});
afterAll(async () => env?.teardown());

const create = (token: string, body: unknown) => call(listRoutes.POST, { method: "POST", body, headers: bearer(token) });
const patch = (token: string, id: string, body: unknown) => call(oneRoutes.PATCH, { method: "PATCH", body, headers: bearer(token), params: { id } });

describe("watchlists", () => {
  it("creates named lists, keeps the symbols' order through add, remove and reorder, and lists them in order", async () => {
    const u = await registerAccount("wl");
    expect(await homeWatchlist({ userId: u.id })).toBeNull();
    const tech = await create(u.token, { name: "Tech", symbols: ["nvda", " aapl ", "MSFT"] });
    expect(tech.status).toBe(201);
    expect(tech.json).toMatchObject({ name: "Tech", symbols: ["NVDA", "AAPL", "MSFT"], position: 0 });
    const banks = await create(u.token, { name: "Banks" });
    expect(banks.json).toMatchObject({ name: "Banks", symbols: [], position: 1 });

    const added = await patch(u.token, tech.json.id, { symbols: ["NVDA", "AAPL", "MSFT", "AMZN"] });
    expect(added.json.symbols).toEqual(["NVDA", "AAPL", "MSFT", "AMZN"]);
    const reordered = await patch(u.token, tech.json.id, { symbols: ["AMZN", "MSFT", "NVDA"] });
    expect(reordered.json.symbols).toEqual(["AMZN", "MSFT", "NVDA"]);
    const renamed = await patch(u.token, banks.json.id, { name: "US banks", symbols: ["JPM"] });
    expect(renamed.json).toMatchObject({ name: "US banks", symbols: ["JPM"] });

    const list = await call(listRoutes.GET, { headers: bearer(u.token) });
    expect(list.json.watchlists.map((w: { name: string }) => w.name)).toEqual(["Tech", "US banks"]);
    expect(await homeWatchlist({ userId: u.id })).toEqual({ name: "Tech", symbols: ["AMZN", "MSFT", "NVDA"] });

    const del = await call(oneRoutes.DELETE, { method: "DELETE", headers: bearer(u.token), params: { id: tech.json.id } });
    expect(del.json).toEqual({ deleted: true, id: tech.json.id });
    expect(await homeWatchlist({ userId: u.id })).toEqual({ name: "US banks", symbols: ["JPM"] });
  });

  it("explains bad input in words", async () => {
    const u = await registerAccount("wlbad");
    const cases: [unknown, number, string][] = [
      [{ symbols: ["AAPL"] }, 400, "name is required"],
      [{ name: "  ", symbols: [] }, 400, "name: Give the list a name"],
      [{ name: "Mine", symbols: ["AAPL", "aapl"] }, 400, "symbols: Each symbol may appear only once"],
      [{ name: "Mine", symbols: ["AAPL", "not a symbol"] }, 400, "symbols item 2: Symbol must be 1-10 characters of A-Z, 0-9, '.' or '-'"],
      [{ name: "Mine", symbols: Array.from({ length: 51 }, (_, i) => `S${i}`) }, 400, "symbols: A list holds at most 50 symbols"],
      [{ name: "Mine", colour: "red" }, 400, "Unknown field: colour"],
    ];
    for (const [body, status, message] of cases) {
      const r = await create(u.token, body);
      expect([r.status, r.json.error.message]).toEqual([status, message]);
    }
    // A symbol no source has prices for (a typo) is refused, and nothing is written.
    const typo = await create(u.token, { name: "Typo", symbols: ["AAPL", "APPL"] });
    expect([typo.status, typo.json.error.message]).toEqual([400, "APPL is not a symbol Stock Hub has prices for"]);
    expect((await call(listRoutes.GET, { headers: bearer(u.token) })).json.watchlists).toEqual([]);
    const first = await create(u.token, { name: "Mine" });
    const again = await create(u.token, { name: "Mine" });
    expect([again.status, again.json.error.message]).toEqual([409, "You already have a watchlist with this name"]);
    const empty = await patch(u.token, first.json.id, {});
    expect(empty.json.error.message).toBe("name: Give a new name, new symbols, or both");
    // Only added symbols are looked up: a list holding one no source knows any more can still be reordered.
    const db = await getDb();
    await db.watchlist.update({ where: { id: first.json.id }, data: { symbols: ["GONE", "MSFT"] } });
    expect((await patch(u.token, first.json.id, { symbols: ["MSFT", "GONE"] })).json.symbols).toEqual(["MSFT", "GONE"]);
    const added = await patch(u.token, first.json.id, { symbols: ["MSFT", "GONE", "ZZZZ"] });
    expect([added.status, added.json.error.message]).toEqual([400, "ZZZZ is not a symbol Stock Hub has prices for"]);
    expect((await patch(u.token, first.json.id, { symbols: ["MSFT", "GONE", "TSLA"] })).json.symbols).toEqual(["MSFT", "GONE", "TSLA"]);
  });

  it("another account's list is not found, and the cap is said in words", async () => {
    const a = await registerAccount("wla");
    const b = await registerAccount("wlb");
    const mine = await create(a.token, { name: "Private", symbols: ["TSLA"] });
    for (const r of [
      await call(oneRoutes.GET, { headers: bearer(b.token), params: { id: mine.json.id } }),
      await patch(b.token, mine.json.id, { symbols: [] }),
      await call(oneRoutes.DELETE, { method: "DELETE", headers: bearer(b.token), params: { id: mine.json.id } }),
    ]) {
      expect([r.status, r.json.error.message]).toEqual([404, "No watchlist with this id"]);
    }
    expect((await call(oneRoutes.GET, { headers: bearer(a.token), params: { id: mine.json.id } })).json.symbols).toEqual(["TSLA"]);
    for (let i = 1; i < MAX_WATCHLISTS; i++) expect((await create(a.token, { name: `List ${i}` })).status).toBe(201);
    const over = await create(a.token, { name: "One too many" });
    expect([over.status, over.json.error.message]).toEqual([409, "You have 20 watchlists, the most allowed; delete one first"]);
  });
});
