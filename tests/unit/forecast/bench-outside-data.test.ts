// The bench data of tickers the engine never saw (bench-data/outside/, read by `bench:models --outside`): every file
// is well-formed bars in our column format, on the shipped tickers' trading calendar, with consistent OHLC, and
// none of them is a shipped ticker (that would make the "never saw" check meaningless).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIR = join(process.cwd(), "bench-data", "outside");
const SHIPPED = join(process.cwd(), "data");
const HEADER = "date,open,high,low,close,adj_close,volume";
const END = "2024-03-08";

const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith(".csv")).sort() : [];
const shipped = readdirSync(SHIPPED).filter((f) => /^[A-Z.]+\.csv$/.test(f));
const calendar = readFileSync(join(SHIPPED, "AAPL.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);

function rows(file: string): string[][] {
  const lines = readFileSync(join(DIR, file), "utf8").trim().split("\n");
  expect(lines[0], `${file} header`).toBe(HEADER);
  return lines.slice(1).map((l) => l.split(","));
}

describe("bench-data/outside", () => {
  it("holds six tickers, none of them shipped, with a README", () => {
    expect(files).toEqual(["BAC.csv", "CAT.csv", "HD.csv", "KO.csv", "PG.csv", "XOM.csv"]);
    for (const f of files) expect(shipped, `${f} is a shipped ticker`).not.toContain(f);
    expect(existsSync(join(DIR, "README.md"))).toBe(true);
  });

  for (const file of files) {
    it(`${file}: format, order, calendar and OHLC consistency`, () => {
      const r = rows(file);
      expect(r.length).toBeGreaterThan(2000);
      // Collected, then asserted once: one expect per row is slow over 15,000 rows.
      const bad: string[] = [];
      for (const row of r) {
        const [open, high, low, close, adj] = row.slice(1, 6).map(Number);
        const day = new Date(`${row[0]}T00:00:00Z`).getUTCDay();
        const ok =
          row.length === 7 &&
          /^\d{4}-\d{2}-\d{2}$/.test(row[0]) &&
          day !== 0 &&
          day !== 6 &&
          [open, high, low, close, adj].every((v) => Number.isFinite(v) && v > 0) &&
          low <= Math.min(open, close) &&
          high >= Math.max(open, close) &&
          /^\d+$/.test(row[6] ?? "");
        if (!ok) bad.push(row.join(","));
      }
      expect(bad, `${file}: malformed rows`).toEqual([]);
      const dates = r.map((row) => row[0]);
      expect(dates.filter((d, i) => i > 0 && d <= dates[i - 1]), `${file}: dates not strictly ascending`).toEqual([]);
      expect(dates.at(-1)).toBe(END);
      // The same trading days as the shipped tickers over the file's range: none missing, none extra.
      const start = calendar.indexOf(dates[0]);
      expect(start, `${file} starts on a shipped trading day`).toBeGreaterThanOrEqual(0);
      expect(dates).toEqual(calendar.slice(start, start + dates.length));
    });
  }
});
