// Every alert kind on the shipped closes, session by session, on the real database: what fires, with which
// message, and when a level alert re-arms. The evaluation is the one the daily refresh runs, fed the shipped
// bars up to each session (as if that session had just closed); the live path is fed a replayed Finnhub quote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertsRoutes from "@/app/api/alerts/route";
import { getDb } from "@/lib/db";
import { evaluateAlerts } from "@/server/alerts/evaluate";
import { getDaily } from "@/server/market";
import type { Bar } from "@/server/market/types";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { ReplayServer } from "../../support/replay-server";
import { registerUser, setEnv } from "../support/push-test-env";

let env: AuthTestEnv;
const shipped = new Map<string, Bar[]>();
const provider = new ReplayServer();
beforeAll(async () => {
  await provider.start();
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1" } });
  for (const s of ["AAPL", "NVDA"]) shipped.set(s, (await getDaily({ symbol: s })).bars);
});
afterAll(async () => {
  await env?.teardown();
  await provider.close();
});

/** The shipped bars of every symbol up to and including `session`: that session's close has just arrived. */
const closeOf = (session: string) => async (symbol: string) => {
  const bars = shipped.get(symbol) ?? (await getDaily({ symbol })).bars;
  const upTo = bars.filter((b) => b.time.slice(0, 10) <= session);
  expect(upTo.at(-1)!.time.slice(0, 10)).toBe(session);
  return upTo;
};

/** A user whose alerts are the only ones switched on (earlier tests' alerts are paused). */
async function soleUser(tag: string, alerts: object[]) {
  const u = await registerUser(tag);
  const db = await getDb();
  await db.alert.updateMany({ where: { userId: { not: u.id } }, data: { active: false } });
  const ids: string[] = [];
  for (const body of alerts) {
    const r = await call(alertsRoutes.POST, { method: "POST", body, headers: u.auth });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    ids.push(r.json.id);
  }
  return { ...u, ids };
}

const triggersOf = async (alertId: string) =>
  (await (await getDb()).alertTrigger.findMany({ where: { alertId }, orderBy: { session: "asc" } })).map((t) => [t.session.toISOString().slice(0, 10), t.message]);

describe("alert kinds on the shipped closes", () => {
  it("a level alert fires once per crossing and re-arms when the close is back on the other side", async () => {
    const u = await soleUser("lvl", [
      { symbol: "AAPL", type: "above", price: 170 },
      { symbol: "AAPL", type: "below", price: 169.5 },
    ]);
    const [above, below] = u.ids;
    // AAPL closes: 03-05 170.119995, 03-06 169.119995, 03-07 169.00, 03-08 170.729996.
    const steps = [];
    for (const session of ["2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-08"]) {
      const r = await evaluateAlerts({ loadBars: closeOf(session) });
      steps.push([session, r.fired, r.rearmed]);
    }
    expect(steps).toEqual([
      ["2024-03-05", 1, 0], // above fires
      ["2024-03-06", 1, 1], // above re-arms, below fires
      ["2024-03-07", 0, 0], // below still true, but disarmed
      ["2024-03-08", 1, 1], // above fires again, below re-arms
      ["2024-03-08", 0, 0], // the same close again: nothing
    ]);
    expect(await triggersOf(above)).toEqual([
      ["2024-03-05", "AAPL closed at 170.119995 on 2024-03-05, at or above 170"],
      ["2024-03-08", "AAPL closed at 170.729996 on 2024-03-08, at or above 170"],
    ]);
    expect(await triggersOf(below)).toEqual([["2024-03-06", "AAPL closed at 169.119995 on 2024-03-06, at or below 169.5"]]);
    const rows = await (await getDb()).alert.findMany({ where: { userId: u.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((a) => [a.type, a.active, a.armed])).toEqual([
      ["above", true, false],
      ["below", true, true],
    ]);
    // Every firing landed in the in-app list (the default channel).
    expect(await (await getDb()).notification.count({ where: { userId: u.id } })).toBe(3);
  });

  it("a new 52-week high fires each session it happens (NVDA, March 2024)", async () => {
    const u = await soleUser("hi", [{ symbol: "NVDA", type: "high_52w" }]);
    for (const session of ["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08"]) await evaluateAlerts({ loadBars: closeOf(session) });
    expect(await triggersOf(u.ids[0])).toEqual([
      ["2024-03-04", "NVDA reached a new 52-week high of 876.950012 on 2024-03-04 (the previous high was 823.940002 on 2024-02-23)"],
      ["2024-03-06", "NVDA reached a new 52-week high of 897.23999 on 2024-03-06 (the previous high was 876.950012 on 2024-03-04)"],
      ["2024-03-07", "NVDA reached a new 52-week high of 927.669983 on 2024-03-07 (the previous high was 897.23999 on 2024-03-06)"],
      ["2024-03-08", "NVDA reached a new 52-week high of 974 on 2024-03-08 (the previous high was 927.669983 on 2024-03-07)"],
    ]);
  });

  it("a new 52-week low fires on the sessions that made one (AAPL, winter 2022-23)", async () => {
    const u = await soleUser("lo", [{ symbol: "AAPL", type: "low_52w" }]);
    for (const session of ["2022-12-28", "2022-12-29", "2022-12-30", "2023-01-03", "2023-01-04"]) await evaluateAlerts({ loadBars: closeOf(session) });
    expect(await triggersOf(u.ids[0])).toEqual([
      ["2022-12-28", "AAPL fell to a new 52-week low of 125.870003 on 2022-12-28 (the previous low was 128.720001 on 2022-12-27)"],
      ["2023-01-03", "AAPL fell to a new 52-week low of 124.169998 on 2023-01-03 (the previous low was 125.870003 on 2022-12-28)"],
    ]);
  });

  it("a one-day move fires on the session that moved far enough, either way (NVDA -5.55% on 2024-03-08)", async () => {
    const u = await soleUser("mv", [{ symbol: "NVDA", type: "move_pct", percent: 5 }]);
    for (const session of ["2024-03-07", "2024-03-08"]) await evaluateAlerts({ loadBars: closeOf(session) });
    // 03-07 moved +4.47%: not enough.
    expect(await triggersOf(u.ids[0])).toEqual([["2024-03-08", "NVDA moved -5.55% on 2024-03-08 (close 875.280029, previous 926.690002)"]]);
  });

  it("a close outside the served forecast's 95% range fires against the newest forecast for that session", async () => {
    const u = await soleUser("rng", [{ symbol: "AAPL", type: "outside_interval" }]);
    const db = await getDb();
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    // Served for 03-08: two days ahead from 03-06 (wide), then one day ahead from 03-07: naive and the ensemble.
    await db.prediction.createMany({
      data: [
        { symbol: "AAPL", model: "ensemble", horizon: 2, originDate: day("2024-03-06"), targetDate: day("2024-03-08"), predictedPrice: 169.2, lower95: 160, upper95: 178 },
        { symbol: "AAPL", model: "naive", horizon: 1, originDate: day("2024-03-07"), targetDate: day("2024-03-08"), predictedPrice: 169, lower95: 165.1, upper95: 172.9 },
        { symbol: "AAPL", model: "ensemble", horizon: 1, originDate: day("2024-03-07"), targetDate: day("2024-03-08"), predictedPrice: 168.9, lower95: 165, upper95: 170.5 },
      ],
    });
    // No forecast was served for 03-07: nothing to judge.
    expect((await evaluateAlerts({ loadBars: closeOf("2024-03-07") })).fired).toBe(0);
    expect((await evaluateAlerts({ loadBars: closeOf("2024-03-08") })).fired).toBe(1);
    expect(await triggersOf(u.ids[0])).toEqual([["2024-03-08", "AAPL closed at 170.729996 on 2024-03-08, outside the ensemble 95% interval [165, 170.5] forecast on 2024-03-07"]]);
  });

  it("during the session, a live provider's quote fires level and move alerts; the forecast range waits for the close", async () => {
    const u = await soleUser("live", [
      { symbol: "AAPL", type: "above", price: 300 },
      { symbol: "AAPL", type: "move_pct", percent: 1 },
      { symbol: "AAPL", type: "outside_interval" },
    ]);
    setEnv("FINNHUB_API_KEY", "test-finnhub-key");
    setEnv("FINNHUB_BASE_URL", `${provider.url}/finnhub`);
    setEnv("PROVIDER_ORDER", "finnhub");
    try {
      // Finnhub's recorded quote: 308.82 at 2026-05-22 20:00 UTC, previous close 304.99. No daily candles.
      provider.on({ path: "/finnhub/quote", query: { symbol: "AAPL" }, fixture: "finnhub/quote-AAPL.json" });
      provider.on({ path: "/finnhub/stock/candle", body: { s: "no_data" } });
      const r = await evaluateAlerts({ on: "live" });
      expect(r).toMatchObject({ on: "live", fired: 2, failedSymbols: [] });
      expect(await triggersOf(u.ids[0])).toEqual([["2026-05-22", "AAPL traded at 308.82 (live) on 2026-05-22, at or above 300"]]);
      expect(await triggersOf(u.ids[1])).toEqual([["2026-05-22", "AAPL moved +1.26% on 2026-05-22 (live price 308.82, previous 304.99)"]]);
      expect(await triggersOf(u.ids[2])).toEqual([]);
      // The next check in the same session finds them fired.
      expect((await evaluateAlerts({ on: "live" })).fired).toBe(0);
    } finally {
      setEnv("FINNHUB_API_KEY", undefined);
      setEnv("FINNHUB_BASE_URL", undefined);
      setEnv("PROVIDER_ORDER", undefined);
    }
  });
});
