// The daily refresh and a training read the symbol's filings on SEC EDGAR (replayed real answers:
// tests/fixtures/providers/edgar/README.md, Tesla's submissions recorded late 2022) at most once a UTC day and
// store its earnings releases; an EDGAR failure leaves the run successful and the stored dates as they were.
// A replayed Polygon serves TSLA's last 12 shipped sessions (nothing new: no retrain in the refresh).
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { refreshEarningsDates } from "@/server/market";
import { markOffline, markOnline } from "@/server/market/online";
import { ReplayServer } from "../../support/replay-server";
import { inngestFunction } from "../../support/job-functions";
import { polygonAggs, shippedCsv } from "../../support/split-series";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

const server = new ReplayServer();
let env: PredictionsTestEnv;
const SUBMISSIONS = "/submissions/CIK0001318605.json";
const TICKERS = "/files/company_tickers.json";
const DAILY = /^\/polygon\/v2\/aggs\/ticker\/TSLA\/range\/1\/day\//;
const refreshMarket = inngestFunction("refresh-market");
const trainModels = inngestFunction("train-models");
// The two earnings releases (8-K item 2.02) among the 13 recorded submission rows.
const STORED = [
  { symbol: "TSLA", date: new Date("2022-10-03T00:00:00Z"), source: "sec-edgar", filedAt: new Date("2022-10-03T06:05:40.000Z"), accession: "0001564590-22-033053" },
  { symbol: "TSLA", date: new Date("2022-10-19T00:00:00Z"), source: "sec-edgar", filedAt: new Date("2022-10-19T17:15:46.000Z"), accession: "0001564590-22-034639" },
];

const routes = (submissions: { fixture: string } | { status: number; body: unknown }) => {
  server.reset();
  server.on(
    { path: DAILY, body: polygonAggs(shippedCsv("TSLA").slice(-12)) },
    { path: TICKERS, fixture: "edgar/company_tickers.json" },
    { path: SUBMISSIONS, ...submissions },
  );
};
const at = (iso: string) => vi.setSystemTime(new Date(iso));
const run = async (fn: typeof refreshMarket, data: Record<string, unknown>, name: string) =>
  (await new InngestTestEngine({ function: fn, transformCtx: (ctx) => mockCtx(ctx) }).execute({ events: [{ name, data }] })) as { result: any; error?: unknown };
const refresh = () => run(refreshMarket, { reason: "manual" }, "market/daily.refresh");
const stored = async () => (await getDb()).earningsDate.findMany({ orderBy: { date: "asc" } });
const checkedAt = async () => (await (await getDb()).earningsCheck.findUnique({ where: { symbol: "TSLA" } }))?.checkedAt.toISOString();

beforeAll(async () => {
  await server.start();
  env = await setUpPredictionsEnv({
    env: {
      POLYGON_API_KEY: "test-polygon-key",
      POLYGON_BASE_URL: `${server.url}/polygon`,
      PROVIDER_ORDER: "polygon",
      WATCHLIST: "TSLA",
      FORECAST_MODELS: "naive",
      SEC_EDGAR: "on",
      SEC_DATA_URL: server.url,
      SEC_WWW_URL: server.url,
      SEC_CONTACT: "ops@example.com",
    },
  });
  // Only Date is faked (the day a read counts for); timers and the clock keep running from the set time.
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
});
afterAll(async () => {
  vi.useRealTimers();
  await env?.teardown();
  await server.close();
});

describe("earnings releases read from SEC EDGAR by the daily refresh and by training", () => {
  it("a refresh stores the symbol's earnings releases; a second refresh the same day asks EDGAR nothing", async () => {
    routes({ fixture: "edgar/submissions-CIK0001318605.json" });
    at("2026-12-07T22:15:00Z");
    const first = await refresh();
    expect(first.error).toBeUndefined();
    expect(first.result.filings).toEqual([{ symbol: "TSLA", outcome: "read", added: 2 }]);
    expect(first.result.symbols).toEqual([expect.objectContaining({ symbol: "TSLA", added: 0 })]);
    expect(await stored()).toEqual(STORED);
    expect(await checkedAt()).toMatch(/^2026-12-07T22:15:/);
    expect(server.calls(SUBMISSIONS)).toHaveLength(1);
    expect(server.calls(SUBMISSIONS)[0]!.headers["user-agent"]).toBe("StockHub/0.1 (self-hosted market dashboard; ops@example.com)");

    at("2026-12-07T23:50:00Z");
    const second = await refresh();
    expect(second.error).toBeUndefined();
    expect(second.result.filings).toEqual([{ symbol: "TSLA", outcome: "fresh", added: 0 }]);
    expect(server.calls(SUBMISSIONS)).toHaveLength(1);
    expect(server.calls(TICKERS)).toHaveLength(1);
    expect(await stored()).toEqual(STORED);
  });

  it("an EDGAR error (HTTP 500, then unreachable) leaves the refresh successful and the stored dates intact", async () => {
    routes({ status: 500, body: { error: "internal" } });
    at("2026-12-08T22:15:00Z");
    const r = await refresh();
    expect(r.error).toBeUndefined();
    expect(r.result.filings).toEqual([{ symbol: "TSLA", outcome: "failed", added: 0 }]);
    expect(r.result.symbols).toEqual([expect.objectContaining({ symbol: "TSLA", added: 0 })]);
    expect(server.calls(SUBMISSIONS)).toHaveLength(1);
    expect(await stored()).toEqual(STORED);
    // Not counted as read: the next run tries again.
    expect(await checkedAt()).toMatch(/^2026-12-07T22:15:/);

    // EDGAR unreachable (a closed port): the same.
    const saved = process.env.SEC_DATA_URL;
    process.env.SEC_DATA_URL = "http://127.0.0.1:9";
    process.env.SEC_WWW_URL = "http://127.0.0.1:9";
    const { resetServicesForTests } = await import("@/lib/services");
    await resetServicesForTests({ keep: "all" });
    try {
      const down = await refresh();
      expect(down.error).toBeUndefined();
      expect(down.result.filings).toEqual([{ symbol: "TSLA", outcome: "failed", added: 0 }]);
      expect(await stored()).toEqual(STORED);
      expect(await checkedAt()).toMatch(/^2026-12-07T22:15:/);
    } finally {
      process.env.SEC_DATA_URL = saved;
      process.env.SEC_WWW_URL = saved;
      await resetServicesForTests({ keep: "all" });
    }

    // Offline (no network): nothing is asked and nothing changes.
    routes({ fixture: "edgar/submissions-CIK0001318605.json" });
    markOffline("no network", "data.sec.gov");
    expect(await refreshEarningsDates({ symbol: "TSLA" })).toEqual({ symbol: "TSLA", outcome: "off", added: 0 });
    expect(server.requests).toHaveLength(0);
    expect(await stored()).toEqual(STORED);
    markOnline();
  });

  it("a training reads the filings first (once that day) and stores a release filed since", async () => {
    // Yesterday's stored dates without the Q3 results: the training's read adds them back.
    await (await getDb()).earningsDate.delete({ where: { symbol_date: { symbol: "TSLA", date: STORED[1]!.date } } });
    routes({ fixture: "edgar/submissions-CIK0001318605.json" });
    at("2026-12-09T03:00:00Z");
    const trained = await run(trainModels, { symbols: ["TSLA"], models: ["naive"], reason: "manual" }, "models/training.requested");
    expect(trained.error).toBeUndefined();
    expect(trained.result.symbols).toEqual([expect.objectContaining({ symbol: "TSLA" })]);
    expect(server.calls(SUBMISSIONS)).toHaveLength(1);
    expect(await stored()).toEqual(STORED);
    expect(await checkedAt()).toMatch(/^2026-12-09T03:00:/);

    // The refresh the same evening: already read today, no request.
    at("2026-12-09T22:15:00Z");
    const r = await refresh();
    expect(r.result.filings).toEqual([{ symbol: "TSLA", outcome: "fresh", added: 0 }]);
    expect(server.calls(SUBMISSIONS)).toHaveLength(1);
  }, 120_000);
});
