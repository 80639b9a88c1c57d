// Bars that must not reach the charts: extended-hours and impossible-range intraday prints (a real Alpha Vantage
// AAPL bar, 2024-01-16 17:00 ET, high 219.34 / low 153.39 around 183), and unadjusted daily series across a split.
import { beforeEach, describe, expect, it } from "vitest";
import { runChain } from "@/server/market/chain";
import { parseAvSeries } from "@/server/market/providers/alpha-vantage";
import { afterLastSplit, splitAdjusted, splitSizedJump } from "@/server/market/providers/alpha-vantage-daily";
import { alphaVantageProvider } from "@/server/market/providers/alpha-vantage";
import { validateBars } from "@/server/market/validate";
import { fixtureJson } from "../../support/replay-server";
import { clearMarketKeys, useProviders, useReplayServer } from "./setup";

const RECORDED_60MIN = "alphavantage/time-series-intraday-60min-AAPL-2024-01-16.json";

// AAPL around its 4:1 split of 2020-08-31, as traded (TIME_SERIES_DAILY's layout).
const asTraded = (withCoefficient: boolean) => ({
  "Meta Data": { "2. Symbol": "AAPL", "5. Time Zone": "US/Eastern" },
  "Time Series (Daily)": Object.fromEntries(
    (
      [
        ["2020-09-01", 132.76, 134.8, 130.53, 134.18, 151948100, 1],
        ["2020-08-31", 127.58, 131.0, 126.0, 129.04, 225702700, 4],
        ["2020-08-28", 504.05, 505.77, 498.31, 499.23, 46907500, 1],
        ["2020-08-27", 508.57, 509.94, 495.33, 500.04, 38888100, 1],
      ] as const
    ).map(([d, o, h, l, c, v, k]) => [
      d,
      {
        "1. open": String(o),
        "2. high": String(h),
        "3. low": String(l),
        "4. close": String(c),
        ...(withCoefficient ? { "5. adjusted close": String(c), "6. volume": String(v), "8. split coefficient": String(k) } : { "5. volume": String(v) }),
      },
    ]),
  ),
});

describe("bar checks", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    await clearMarketKeys(["AAPL"]);
    useProviders({ server, keys: ["alphavantage"], order: "alphavantage" });
  });

  it("refuses the recorded extended-hours bars, the 219.34/153.39 one included", () => {
    const bars = parseAvSeries(fixtureJson(RECORDED_60MIN), { intraday: true });
    expect(bars.find((b) => b.high === 219.339)).toMatchObject({ time: "2024-01-16T22:00:00.000Z", low: 153.39, close: 183.315 });
    const { bars: served, refused } = validateBars(bars, { intervalMin: 60, now: new Date("2024-01-17T00:00:00Z") });
    expect(served).toEqual([]);
    expect(refused.map((r) => r.reason)).toEqual(Array(3).fill("outside regular trading hours"));
  });

  it("refuses the same prices inside the session as an impossible range for one bar; a normal bar passes", () => {
    const [, , wild] = parseAvSeries(fixtureJson(RECORDED_60MIN), { intraday: true }).reverse();
    const inSession = { ...wild!, time: "2024-01-16T19:00:00.000Z" }; // 14:00 ET
    const normal = { time: "2024-01-16T20:00:00.000Z", open: 183.43, high: 184.1, low: 182.9, close: 183.3, volume: 89113 };
    const r = validateBars([inSession, normal], { intervalMin: 60, now: new Date("2024-01-17T00:00:00Z") });
    expect(r.refused).toEqual([{ at: "2024-01-16T19:00:00.000Z", reason: "high..low range is impossible for one bar" }]);
    expect(r.bars).toEqual([normal]);
    // Daily bars have no session or range rule: a 50% day is rare but real.
    expect(validateBars([{ ...wild!, time: "2024-01-16" }]).refused).toEqual([]);
  });

  it("serves none of the recorded after-hours bars through the provider chain", async () => {
    server.on({ path: "/av/query", query: { function: "TIME_SERIES_INTRADAY", interval: "60min" }, fixture: RECORDED_60MIN });
    expect(await alphaVantageProvider.intraday("AAPL", { intervalMin: 60, days: 8 })).toBeNull();
    await expect(runChain({ op: "intraday", symbol: "AAPL", intervalMin: 60, only: (n) => n !== "shipped", call: (p) => p.intraday("AAPL", { intervalMin: 60, days: 8 }) })).rejects.toMatchObject({ code: "not_found" });
  });

  it("recognises split-sized overnight jumps, forward and reverse, and nothing else", () => {
    expect(splitSizedJump(499.23, 127.58)).toBe(4);
    expect(splitSizedJump(1208.88, 121.44)).toBe(10); // NVDA 2024-06-07 close, 2024-06-10 open
    expect(splitSizedJump(2.1, 21.5)).toBe(0.1);
    expect(splitSizedJump(100, 59)).toBeNull(); // a 41% gap down is a crash, not a split
    expect(splitSizedJump(183.3, 181.9)).toBeNull();
  });

  it("refuses the unadjusted bars before a split (TIME_SERIES_DAILY on a free key)", async () => {
    const bars = afterLastSplit("AAPL", parseAvSeries(asTraded(false), { intraday: false }));
    expect(bars.map((b) => [b.time, b.close])).toEqual([
      ["2020-08-31", 129.04],
      ["2020-09-01", 134.18],
    ]);
    server.on(
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY_ADJUSTED" }, fixture: "alphavantage/information-premium-endpoint.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY", outputsize: "full" }, fixture: "alphavantage/information-premium-feature-outputsize-full.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY", outputsize: "compact" }, body: asTraded(false) },
    );
    const daily = await runChain({ op: "daily", symbol: "AAPL", call: (p) => p.daily("AAPL") });
    expect(daily.value.map((b) => b.time)).toEqual(["2020-08-31", "2020-09-01"]);
  });

  it("divides the bars before a split by TIME_SERIES_DAILY_ADJUSTED's split coefficient when the key allows it", async () => {
    const body = asTraded(true);
    expect(splitAdjusted(body, parseAvSeries(body, { intraday: false })).map((b) => [b.time, b.close, b.volume])).toEqual([
      ["2020-08-27", 125.01, 155552400],
      ["2020-08-28", 124.8075, 187630000],
      ["2020-08-31", 129.04, 225702700],
      ["2020-09-01", 134.18, 151948100],
    ]);
    server.on({ path: "/av/query", query: { function: "TIME_SERIES_DAILY_ADJUSTED", outputsize: "full" }, body });
    const daily = (await alphaVantageProvider.daily("AAPL"))!;
    expect(daily[0]!.open).toBeCloseTo(508.57 / 4, 6);
    expect(server.calls("/av/query")).toHaveLength(1);
  });
});
