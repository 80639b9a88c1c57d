// The daily refresh on a simulated next trading day: a replayed Polygon serves NVDA up to a session D, the
// symbol is trained and its forecast served; then it serves one more session and the refresh job runs.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";
import { getDaily } from "@/server/market";
import { predictAndCache } from "@/server/predictions/compute";
import { predictionCacheKey } from "@/server/predictions/cache";
import { trainSymbol } from "@/server/training/train-symbol";
import { ReplayServer } from "../../support/replay-server";
import { inngestFunction } from "../../support/job-functions";
import { adjustedContinuation, polygonAggs } from "../../support/split-series";
import { setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

const server = new ReplayServer();
let env: PredictionsTestEnv;
const DAILY = /^\/polygon\/v2\/aggs\/ticker\/NVDA\/range\/1\/day\//;
// Split-adjusted NVDA: the last 30 shipped sessions / 10, then 41 sessions past the shipped set's end.
const bars = adjustedContinuation({ symbol: "NVDA", ratio: 10, overlap: 30, extra: 41 });
const dayD = bars.at(-2)!;
// The next session closes 3% up: above the alert's level.
const next = { ...bars.at(-1)!, open: dayD.close, low: dayD.close * 0.995, close: dayD.close * 1.03, high: dayD.close * 1.035 };
const refreshMarket = inngestFunction("refresh-market");

beforeAll(async () => {
  await server.start();
  env = await setUpPredictionsEnv({
    env: { POLYGON_API_KEY: "test-polygon-key", POLYGON_BASE_URL: `${server.url}/polygon`, PROVIDER_ORDER: "polygon", WATCHLIST: "NVDA", FORECAST_MODELS: "naive,drift" },
  });
});
afterAll(async () => {
  await env?.teardown();
  await server.close();
});

describe("refresh-market job", () => {
  it("runs weekdays at 22:15 UTC, after the US close in summer and winter", () => {
    expect(refreshMarket.opts.triggers).toEqual([{ event: "market/daily.refresh" }, { cron: "TZ=UTC 15 22 * * 1-5" }]);
  });

  it("stores the new bar, fills the served forecast's actual, fires the alert, retrains from stored backtests and re-caches", async () => {
    server.on({ path: DAILY, body: polygonAggs([...bars.slice(0, -1)]) });
    expect((await getDaily({ symbol: "NVDA" })).bars.at(-1)!.time).toBe(dayD.time);
    const first = await trainSymbol({ symbol: "NVDA", reason: "manual" });
    expect(first.trainedTo).toBe(dayD.time);
    const served = await predictAndCache({ symbol: "NVDA" });
    expect(served.asOf).toBe(dayD.time);
    const db = await getDb();
    const user = await signedInUser("refresher");
    const alert = await db.alert.create({ data: { userId: user.id, symbol: "NVDA", type: "above", price: dayD.close * 1.02, channels: ["in_app"] } });

    server.reset();
    server.on({ path: DAILY, body: polygonAggs([...bars.slice(-12, -1), next]) });
    const { result } = await new InngestTestEngine({ function: refreshMarket, transformCtx: (ctx) => mockCtx(ctx) }).execute({
      events: [{ name: "market/daily.refresh", data: { reason: "manual" } }],
    });
    const r = result as any;
    // New bar stored, with its source.
    expect(r.symbols).toEqual([{ symbol: "NVDA", added: 1, newest: next.time, source: "polygon", topUp: expect.stringMatching(/^stored \d+ bar\(s\) from polygon, 1 new$/) }]);
    const stored = await db.marketBar.findUniqueOrThrow({ where: { symbol_date: { symbol: "NVDA", date: new Date(`${next.time}T00:00:00Z`) } } });
    expect(stored).toMatchObject({ source: "polygon", close: next.close });
    // The one-session forecasts made at D now have their actual.
    const oneDay = await db.prediction.findMany({ where: { symbol: "NVDA", horizon: 1, originDate: new Date(`${dayD.time}T00:00:00Z`) } });
    expect(oneDay.length).toBeGreaterThan(0);
    for (const p of oneDay) expect(p.actualPrice).toBe(next.close);
    expect(r.actuals).toMatchObject({ filled: oneDay.length, skipped: [] });
    // The alert fired on the new session.
    expect(r.alerts).toMatchObject({ fired: 1 });
    const trigger = await db.alertTrigger.findFirstOrThrow({ where: { alertId: alert.id } });
    expect(trigger.session.toISOString().slice(0, 10)).toBe(next.time);
    // Retrained from the stored backtests: of 630 walk-forward origins per model, only the new one is computed.
    expect(r.retrained).toHaveLength(1);
    expect(r.retrained[0]).toMatchObject({ symbol: "NVDA", trainedTo: next.time });
    expect(first.backtests.map((b) => b.computed)).toEqual([630, 630]);
    // The new bar is a new last bar: every final fit is made again, none is the stored one.
    expect((r.retrained[0].backtests as { model: string; computed: number; reused: number; finalReused: boolean }[]).map(({ model, computed, reused, finalReused }) => ({ model, computed, reused, finalReused }))).toEqual(
      first.backtests.map((b) => ({ model: b.model, computed: 1, reused: b.computed - 1, finalReused: false })),
    );
    // The forecast from the new session is cached.
    expect(await cache.get(predictionCacheKey({ symbol: "NVDA", asOf: next.time, filed: undefined }))).toMatchObject({ symbol: "NVDA", asOf: next.time });
  });

  it("with the provider unreachable, stores nothing and retrains nothing; the held bars keep serving", async () => {
    server.reset();
    server.on({ path: DAILY, status: 503, body: { status: "ERROR", error: "unavailable" } });
    const db = await getDb();
    const before = await db.marketBar.count({ where: { symbol: "NVDA" } });
    const { result } = await new InngestTestEngine({ function: refreshMarket, transformCtx: (ctx) => mockCtx(ctx) }).execute({
      events: [{ name: "market/daily.refresh", data: { reason: "manual" } }],
    });
    const r = result as any;
    expect(r.symbols).toEqual([{ symbol: "NVDA", added: 0, newest: next.time, source: "polygon", topUp: expect.stringMatching(/^failed: No market data provider could serve daily for NVDA/) }]);
    expect(r.retrained).toEqual([]);
    expect(r.alerts).toMatchObject({ fired: 0 });
    expect(await db.marketBar.count({ where: { symbol: "NVDA" } })).toBe(before);
  });

  it("does nothing and says so when only the shipped set is available", async () => {
    delete process.env.POLYGON_API_KEY;
    const { resetServicesForTests } = await import("@/lib/services");
    await resetServicesForTests({ keep: "all" });
    const { result } = await new InngestTestEngine({ function: refreshMarket, transformCtx: (ctx) => mockCtx(ctx) }).execute({
      events: [{ name: "market/daily.refresh", data: { reason: "manual" } }],
    });
    expect(result).toEqual({ skipped: "no live market data provider is configured: only the shipped data set (as of 2024-03-08) serves, nothing to refresh" });
  });
});
