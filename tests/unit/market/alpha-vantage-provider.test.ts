import { beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "@/server/market/http";
import { alphaVantageProvider, easternToIso, parseAvSeries } from "@/server/market/providers/alpha-vantage";
import { fixtureJson } from "../../support/replay-server";
import { readCsv, useProviders, useReplayServer } from "./setup";

type Series = Record<string, Record<string, string>>;

describe("Alpha Vantage provider (replayed fixtures)", () => {
  const server = useReplayServer();
  beforeEach(() => {
    useProviders({ server, keys: ["alphavantage"], order: "alphavantage" });
  });

  it("parses GLOBAL_QUOTE and sends the key", async () => {
    server.on({ path: "/av/query", query: { function: "GLOBAL_QUOTE", symbol: "AAPL" }, fixture: "alphavantage/global-quote-aapl.json" });
    const rows = readCsv("AAPL");
    const q = await alphaVantageProvider.quote("AAPL");
    expect(q).toMatchObject({ symbol: "AAPL", time: "2024-03-08", volume: rows.at(-1)!.volume });
    expect(q!.price).toBeCloseTo(rows.at(-1)!.close, 3);
    expect(q!.previousClose).toBeCloseTo(rows.at(-2)!.close, 3);
    expect(q!.changePercent).toBeCloseTo(((rows.at(-1)!.close - rows.at(-2)!.close) / rows.at(-2)!.close) * 100, 3);
    expect(server.requests[0]!.query.apikey).toBe("test-av-key");
  });

  it("treats an empty Global Quote and an Error Message as 'no such symbol'", async () => {
    server.on(
      { path: "/av/query", query: { function: "GLOBAL_QUOTE" }, fixture: "alphavantage/global-quote-unknown.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY" }, fixture: "alphavantage/error-message-invalid.json" },
      { path: "/av/query", query: { function: "OVERVIEW" }, fixture: "alphavantage/overview-unknown.json" },
    );
    expect(await alphaVantageProvider.quote("ZZZZ")).toBeNull();
    expect(await alphaVantageProvider.daily("ZZZZ")).toBeNull();
    expect(await alphaVantageProvider.overview("ZZZZ")).toBeNull();
  });

  it("parses TIME_SERIES_DAILY into ascending bars equal to the source rows", async () => {
    server.on({ path: "/av/query", query: { function: "TIME_SERIES_DAILY" }, fixture: "alphavantage/time-series-daily-aapl.json" });
    const bars = (await alphaVantageProvider.daily("AAPL"))!;
    const rows = readCsv("AAPL").slice(-100);
    expect(bars.map((b) => b.time)).toEqual(rows.map((r) => r.date));
    expect(bars.at(-1)!.close).toBeCloseTo(170.73, 2);
    expect(bars.at(-1)!.volume).toBe(rows.at(-1)!.volume);
    expect(server.requests[0]!.query.outputsize).toBe("full");
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

  it("asks for the compact series when the full one is refused as premium", async () => {
    server.on(
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY", outputsize: "full" }, body: { Information: "Thank you for using Alpha Vantage! This is a premium endpoint. You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly unlock all premium endpoints" } },
      { path: "/av/query", query: { function: "TIME_SERIES_DAILY", outputsize: "compact" }, fixture: "alphavantage/time-series-daily-aapl.json" },
    );
    expect(await alphaVantageProvider.daily("AAPL")).toHaveLength(100);
    expect(server.requests.map((r) => r.query.outputsize)).toEqual(["full", "compact"]);
  });

  it("converts intraday US/Eastern stamps to UTC and builds 4-hour bars from hourly ones", async () => {
    server.on(
      { path: "/av/query", query: { function: "TIME_SERIES_INTRADAY", interval: "1min" }, fixture: "alphavantage/time-series-intraday-aapl-1min.json" },
      { path: "/av/query", query: { function: "TIME_SERIES_INTRADAY", interval: "60min" }, fixture: "alphavantage/time-series-intraday-aapl-60min.json" },
    );
    const minute = (await alphaVantageProvider.intraday("AAPL", { intervalMin: 1, days: 1 }))!;
    expect(minute).toHaveLength(30);
    expect(minute[0]!.time).toBe("2024-03-08T20:30:00.000Z"); // 15:30 EST
    expect(minute.at(-1)!.close).toBe(170.73);

    const hourlyRaw = fixtureJson<{ "Time Series (60min)": Series }>("alphavantage/time-series-intraday-aapl-60min.json")["Time Series (60min)"];
    const buckets = new Map<string, number>();
    for (const [stamp, row] of Object.entries(hourlyRaw)) {
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

  it("parses OVERVIEW with numbers as numbers", async () => {
    server.on({ path: "/av/query", query: { function: "OVERVIEW" }, fixture: "alphavantage/overview-aapl.json" });
    const raw = fixtureJson<Record<string, string>>("alphavantage/overview-aapl.json");
    const o = (await alphaVantageProvider.overview("AAPL"))!;
    expect(o).toMatchObject({ symbol: "AAPL", name: raw.Name, exchange: "NASDAQ", sector: raw.Sector });
    expect(o.marketCap).toBe(Number(raw.MarketCapitalization));
    expect(o.peRatio).toBe(Number(raw.PERatio));
    expect(o.week52High).toBe(Number(raw["52WeekHigh"]));
  });

  it("recognizes the Note and Information bodies as rate limits, per minute and per day", async () => {
    server.on({ path: "/av/query", query: { symbol: "AAPL" }, fixture: "alphavantage/note-rate-limit.json" });
    server.on({ path: "/av/query", query: { symbol: "MSFT" }, fixture: "alphavantage/information-daily-limit.json" });
    const minute = await alphaVantageProvider.quote("AAPL").catch((e) => e);
    expect(minute).toBeInstanceOf(ProviderError);
    expect(minute).toMatchObject({ kind: "rate_limited", retryAfterSec: 60 });
    const day = await alphaVantageProvider.quote("MSFT").catch((e) => e);
    expect(day).toMatchObject({ kind: "rate_limited", retryAfterSec: 3600 });
  });

  it("reports a body without the series as garbage", async () => {
    server.on({ path: "/av/query", body: { "Meta Data": {} } });
    await expect(alphaVantageProvider.daily("AAPL")).rejects.toMatchObject({ kind: "garbage" });
  });
});
