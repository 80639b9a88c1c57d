import { describe, expect, it } from "vitest";
import { liveStatusText } from "@/components/market/live-status";
import { provenanceText } from "@/components/lib/format";
import { provenanceLine } from "@/lib/market-labels";

const shipped = { source: "shipped" as const, asOf: "2024-03-08", historical: true };
const yahoo = { source: "yahoo" as const, asOf: "2026-10-02T20:00:01.000Z", historical: false };

describe("honest labels", () => {
  it("names a delayed source with its delay and the shipped set with its as-of date", () => {
    expect(provenanceLine(yahoo)).toBe("Yahoo Finance, 15-min delayed");
    expect(provenanceLine(shipped)).toBe("historical data set, as of 2024-03-08");
    expect(provenanceText(yahoo)).toBe("Yahoo Finance, 15-min delayed · as of 2026-10-02 16:00 ET");
    expect(provenanceText({ ...shipped })).toBe("Historical data set · as of 2024-03-08 · not live");
    expect(provenanceText({ source: "polygon", asOf: "2026-12-04", historical: false })).toBe("Polygon · as of 2026-12-04 · live");
  });

  it("says in one line whether the site is live", () => {
    expect(liveStatusText({ tickers: [yahoo, shipped], mode: "online" })).toBe("Live data from Yahoo Finance, 15-min delayed.");
    expect(liveStatusText({ tickers: [shipped, shipped], mode: "offline" })).toBe("Offline: historical data set, as of 2024-03-08.");
    expect(liveStatusText({ tickers: [shipped], mode: "off" })).toBe("Not live: historical data set, as of 2024-03-08; no live data source is set up.");
    expect(liveStatusText({ tickers: [shipped], mode: "online" })).toBe("Live data is unavailable right now: historical data set, as of 2024-03-08.");
  });
});
