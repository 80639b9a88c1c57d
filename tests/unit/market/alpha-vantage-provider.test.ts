// Alpha Vantage parsing, replayed from recorded real answers (tests/fixtures/providers/README.md names each source).
import { beforeEach, describe, expect, it } from "vitest";
import { alphaVantageProvider, easternToIso, parseAvSeries } from "@/server/market/providers/alpha-vantage";
import { fixtureJson } from "../../support/replay-server";
import { readCsv, useProviders, useReplayServer } from "./setup";

type Series = Record<string, Record<string, string>>;

describe("Alpha Vantage provider (replayed recordings)", () => {
  const server = useReplayServer();
  beforeEach(() => {
    useProviders({ server, keys: ["alphavantage"], order: "alphavantage" });
  });

  it("parses a recorded GLOBAL_QUOTE (MSFT, 2018-10-05) and sends the key", async () => {
    server.on({ path: "/av/query", query: { function: "GLOBAL_QUOTE", symbol: "MSFT" }, fixture: "alphavantage/global-quote-MSFT-2018.json" });
    const q = await alphaVantageProvider.quote("MSFT");
    expect(q).toEqual({
      symbol: "MSFT",
      price: 112.13,
      previousClose: 112.79,
      change: -0.66,
      changePercent: -0.5852,
      open: 112.63,
      high: 113.17,
      low: 110.64,
      volume: 29062853,
      time: "2018-10-05",
    });
    expect(server.requests[0]!.query.apikey).toBe("test-av-key");
  });

  it("treats an empty Global Quote, an empty OVERVIEW and the 'Invalid API call' message as 'no such symbol'", async () => {
    server.on(
      { path: "/av/query", query: { function: "GLOBAL_QUOTE" }, fixture: "alphavantage/global-quote-unknown-shape.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY" }, fixture: "alphavantage/error-message-invalid-call.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY_ADJUSTED" }, fixture: "alphavantage/information-premium-endpoint.json" },
      { path: "/av/query", query: { function: "OVERVIEW" }, fixture: "alphavantage/overview-unknown-shape.json" },
    );
    expect(await alphaVantageProvider.quote("ZZZZ")).toBeNull();
    expect(await alphaVantageProvider.daily("ZZZZ")).toBeNull();
    expect(await alphaVantageProvider.overview("ZZZZ")).toBeNull();
  });

  it("parses a recorded compact TIME_SERIES_DAILY (IBM, 8 sessions to 2023-11-28) into ascending bars", async () => {
    server.on(
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY_ADJUSTED" }, fixture: "alphavantage/information-premium-endpoint.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY", outputsize: "full" }, fixture: "alphavantage/information-premium-feature-outputsize-full.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY", outputsize: "compact" }, fixture: "alphavantage/time-series-daily-IBM-compact-2023.json" },
    );
    const bars = (await alphaVantageProvider.daily("IBM"))!;
    const raw = fixtureJson<{ "Time Series (Daily)": Series }>("alphavantage/time-series-daily-IBM-compact-2023.json")["Time Series (Daily)"];
    expect(bars.map((b) => b.time)).toEqual(Object.keys(raw).sort());
    expect(bars.at(-1)).toEqual({ time: "2023-11-28", open: 155.44, high: 155.745, low: 154.86, close: 155.65, volume: 2666182 });
  });

  it("reads the TIME_SERIES_DAILY_ADJUSTED layout (adjusted close in field 5, volume in field 6)", () => {
    const row = readCsv("MSFT").at(-1)!;
    const body = {
      "Meta Data": { "2. Symbol": "MSFT", "5. Time Zone": "US/Eastern" },
      "Time Series (Daily)": {
        [row.date]: {
          "1. open": String(row.open),
          "2. high": String(row.high),
          "3. low": String(row.low),
          "4. close": String(row.close),
          "5. adjusted close": String(row.adjClose),
          "6. volume": String(row.volume),
          "7. dividend amount": "0.0000",
          "8. split coefficient": "1.0",
        },
      },
    };
    expect(parseAvSeries(body, { intraday: false })).toEqual([
      { time: row.date, open: row.open, high: row.high, low: row.low, close: row.close, adjClose: row.adjClose, volume: row.volume },
    ]);
  });

  it("converts a recorded 1-minute series (MSFT 2017-12-18, EST) to UTC and asks for the regular session only", async () => {
    server.on({ path: "/av/query", query: { function: "TIME_SERIES_INTRADAY", interval: "1min" }, fixture: "alphavantage/time-series-intraday-1min-MSFT-2017.json" });
    const minute = (await alphaVantageProvider.intraday("MSFT", { intervalMin: 1, days: 1 }))!;
    expect(minute).toHaveLength(100);
    expect(minute[0]!.time).toBe("2017-12-18T18:17:00.000Z"); // 13:17 EST
    expect(minute.at(-1)).toMatchObject({ time: "2017-12-18T19:56:00.000Z", close: 86.5, volume: 10494 });
    expect(server.requests[0]!.query).toMatchObject({ extended_hours: "false", outputsize: "full" });
  });

  it("builds 4-hour bars from the regular session's hourly ones (hand-written hourly series: no recording exists)", async () => {
    const fixture = "alphavantage/time-series-intraday-60min-AAPL-handwritten.json";
    server.on({ path: "/av/query", query: { function: "TIME_SERIES_INTRADAY", interval: "60min" }, fixture });
    const hourlyRaw = fixtureJson<{ "Time Series (60min)": Series }>(fixture)["Time Series (60min)"];
    const buckets = new Map<string, number>();
    for (const [stamp, row] of Object.entries(hourlyRaw)) {
      if (stamp.slice(11, 13) >= "16") continue; // a bar starting at 16:00 ET is after-hours
      const t = new Date(easternToIso(stamp));
      const key = `${t.toISOString().slice(0, 10)}:${Math.floor(t.getUTCHours() / 4)}`;
      buckets.set(key, (buckets.get(key) ?? 0) + Number(row["5. volume"]));
    }
    const four = (await alphaVantageProvider.intraday("AAPL", { intervalMin: 240, days: 30 }))!;
    expect(four).toHaveLength(buckets.size);
    expect(four.map((b) => b.volume)).toEqual([...buckets.keys()].sort().map((k) => buckets.get(k)));
    expect(four.every((b) => new Date(b.time).getUTCHours() % 4 === 0)).toBe(true);
  });

  it("handles daylight saving time when converting Eastern stamps", () => {
    expect(easternToIso("2024-03-08 09:30:00")).toBe("2024-03-08T14:30:00.000Z");
    expect(easternToIso("2024-03-11 09:30:00")).toBe("2024-03-11T13:30:00.000Z");
  });

  it("parses a recorded OVERVIEW (TSLA, 2023-01-27) with numbers as numbers and the exchange named", async () => {
    server.on({ path: "/av/query", query: { function: "OVERVIEW", symbol: "TSLA" }, fixture: "alphavantage/overview-TSLA-2023.json" });
    server.on({ path: "/av/query", query: { function: "OVERVIEW", symbol: "IBM" }, fixture: "alphavantage/overview-IBM-2020.json" });
    const o = (await alphaVantageProvider.overview("TSLA"))!;
    expect(o).toMatchObject({ symbol: "TSLA", name: "Tesla Inc", exchange: "NASDAQ", sector: "MANUFACTURING", marketCap: 506092618000, peRatio: 44.64, week52High: 384.29 });
    expect((await alphaVantageProvider.overview("IBM"))!.exchange).toBe("NYSE");
  });

  it("reports a body without the series as garbage", async () => {
    server.on({ path: "/av/query", body: { "Meta Data": {} } });
    await expect(alphaVantageProvider.intraday("AAPL", { intervalMin: 1, days: 1 })).rejects.toMatchObject({ kind: "garbage" });
  });
});
