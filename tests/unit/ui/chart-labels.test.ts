// Chart time labels follow seed 000 and bars reach the chart library sorted and unique.
import { describe, expect, it } from "vitest";
import { formatAxisTime, formatTooltipTime, resolutionLabel, toChartBars, toUnixSeconds } from "@/components/chart/chart-time";
import { formatAsOf, provenanceText } from "@/components/lib/format";

const day = (d: string) => toUnixSeconds(d);

describe("chart time labels", () => {
  it("uses mm/dd/yy for YTD and longer ranges and mm/dd for short daily ranges", () => {
    expect(formatAxisTime(day("2024-03-08"), "1Y", "1day")).toBe("03/08/24");
    expect(formatTooltipTime(day("2019-12-31"), "10Y", "10day")).toBe("12/31/19");
    expect(formatAxisTime(day("2024-03-08"), "3M", "1day")).toBe("03/08");
    expect(formatTooltipTime(day("2024-01-02"), "1M", "1day")).toBe("01/02");
  });

  it("keeps daily bars on their calendar date whatever the exchange time zone", () => {
    // Midnight UTC is the previous evening in New York; a date must not slip to 03/07.
    expect(formatTooltipTime(day("2024-03-08"), "6M", "1day")).toBe("03/08");
  });

  it("shows HH:MM in New York time for 1D minute bars and adds the time to hourly tooltips", () => {
    const open = toUnixSeconds("2024-03-08T14:30:00Z");
    expect(formatAxisTime(open, "1D", "1min")).toBe("09:30");
    expect(formatTooltipTime(toUnixSeconds("2024-07-01T19:00:00Z"), "1W", "60min")).toBe("07/01 15:00");
    expect(formatAxisTime(toUnixSeconds("2024-07-01T19:00:00Z"), "1W", "60min")).toBe("07/01");
  });

  it("does not print 00:00 for a 1D range served from daily bars", () => {
    expect(formatTooltipTime(day("2024-03-08"), "1D", "1day")).toBe("03/08");
    expect(resolutionLabel("1day", "1D")).toBe("daily bars — no intraday data");
    expect(resolutionLabel("5day", "5Y")).toBe("5-day bars");
  });
});

describe("toChartBars", () => {
  it("sorts by time, drops duplicates (last wins) and non-finite prices", () => {
    const p = (date: string, price: number) => ({ date, price, open: price, high: price, low: price, volume: 1 });
    const bars = toChartBars([p("2024-03-08", 3), p("2024-03-06", 1), p("2024-03-07", 2), p("2024-03-07", 2.5), p("2024-03-05", Number.NaN)]);
    expect(bars.map((b) => b.date)).toEqual(["2024-03-06", "2024-03-07", "2024-03-08"]);
    expect(bars.map((b) => b.price)).toEqual([1, 2.5, 3]);
    expect(bars[0]!.time).toBe(Date.UTC(2024, 2, 6) / 1000);
  });
});

describe("provenance text", () => {
  it("labels the shipped set as not live with its date", () => {
    expect(provenanceText({ source: "shipped", asOf: "2024-03-08", historical: true })).toBe("Historical data set · as of 2024-03-08 · not live");
    expect(formatAsOf("2024-03-08T00:00:00.000Z")).toBe("2024-03-08");
    expect(provenanceText({ source: "finnhub", asOf: "2026-11-20T20:00:00Z", historical: false, cached: true })).toBe(
      "Finnhub · as of 2026-11-20 15:00 ET · live · cached",
    );
  });
});
