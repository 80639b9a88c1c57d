// Reading a CSV of transactions: every bad row is reported with its line and a reason in words, good rows
// keep their lines, and the checks against market data refuse unknown symbols, dates outside the prices
// and sales of more than is held.
import { describe, expect, it } from "vitest";
import { parseTransactionsCsv } from "@/server/portfolios/csv-import";
import { tradeProblems, type LabelledTrade } from "@/server/portfolios/transactions";

describe("parseTransactionsCsv", () => {
  it("reads rows in any column order with their line numbers, skipping blank lines", () => {
    const csv = "\uFEFFSymbol,Date,Quantity,Price,Fees,Note\nAAPL,2023-01-03,10,125.07,1,first\n\nmsft,2023-02-01,-2.5,247.81,,\n";
    expect(parseTransactionsCsv(csv)).toEqual({
      trades: [
        { line: 2, date: "2023-01-03", symbol: "AAPL", quantity: 10, price: 125.07, fees: 1 },
        { line: 4, date: "2023-02-01", symbol: "MSFT", quantity: -2.5, price: 247.81, fees: 0 },
      ],
      problems: [],
    });
  });

  it("reports every bad row with its line and reason", () => {
    const csv = [
      "date,symbol,quantity,price,fees",
      "2023-01-03,AAPL,10,125.07,1",
      "2023-02-30,AAPL,1,100,0",
      "2023-01-04,not a symbol,1,100,0",
      "2023-01-05,JPM,0,100,0",
      "2023-01-05,JPM,5,$100,0",
      "2023-01-05,JPM,5,100,-1",
      "2023-01-05,JPM,5",
      ",JPM,5,100,0",
      "03/01/2023,JPM,5,100,0",
    ].join("\n");
    const r = parseTransactionsCsv(csv);
    expect(r.trades.map((x) => x.line)).toEqual([2]);
    expect(r.problems).toEqual([
      { line: 3, reason: 'date "2023-02-30" is not a day of the calendar' },
      { line: 4, reason: `symbol "NOT A SYMBOL" is not a ticker symbol (1-10 letters, digits, '.' or '-')` },
      { line: 5, reason: "quantity must be a number other than 0 (negative for a sale)" },
      { line: 6, reason: 'price "$100" is not a number (write 1234.5, without currency signs or thousands separators)' },
      { line: 7, reason: "fees must be 0 or more" },
      { line: 8, reason: "price is missing" },
      { line: 9, reason: "date is missing" },
      { line: 10, reason: 'date "03/01/2023" is not a date written YYYY-MM-DD' },
    ]);
  });

  it("explains a missing column, an empty file and an unreadable quote", () => {
    expect(parseTransactionsCsv("date,symbol,quantity\n2023-01-03,AAPL,1\n").problems).toEqual([
      { line: 1, reason: "the header row needs the columns date, symbol, quantity and price (fees is optional); missing: price" },
    ]);
    expect(parseTransactionsCsv("date,symbol,quantity,price\n").problems[0].reason).toBe("the file has a header row but no transactions");
    const quoted = parseTransactionsCsv('date,symbol,quantity,price\n2023-01-03,AAPL,1,100\n2023-01-04,"MSFT,1,100\n');
    expect(quoted.problems).toEqual([{ line: 3, reason: "a quoted field is never closed, so the rest of the file cannot be read" }]);
  });
});

describe("tradeProblems", () => {
  const ranges = new Map([["AAPL", { first: "2000-01-03", last: "2024-03-08" }], ["ZZZZ", null]]);
  const lt = (label: string, order: number, date: string, symbol: string, quantity: number): LabelledTrade => ({ label, order, date, symbol, quantity, price: 100, fees: 0 });

  it("refuses unknown symbols, dates outside the prices or in the future, and overselling, in the rows' order", () => {
    const existing = [lt("kept a", 0, "2023-01-03", "AAPL", 10)];
    const incoming = [
      lt("line 2", 1, "2023-02-01", "ZZZZ", 1),
      lt("line 3", 2, "1999-12-31", "AAPL", 1),
      lt("line 4", 3, "2024-06-03", "AAPL", 1),
      lt("line 5", 4, "2023-03-01", "AAPL", -4),
      lt("line 6", 5, "2023-03-02", "AAPL", -7),
      lt("line 7", 6, "2030-01-02", "AAPL", 1),
    ];
    expect(tradeProblems({ existing, incoming, ranges, today: "2026-12-07" })).toEqual([
      { label: "line 2", reason: "ZZZZ is not a symbol Stock Hub has prices for" },
      { label: "line 3", reason: "AAPL has no prices before 2000-01-03" },
      { label: "line 4", reason: "2024-06-03 is after the latest AAPL close (2024-03-08)" },
      { label: "line 6", reason: "sells 7 AAPL on 2023-03-02 but only 6 are held then" },
      { label: "line 7", reason: "2030-01-02 is in the future" },
    ]);
  });

  it("lets a sale use shares bought earlier the same day, in the file's order", () => {
    const incoming = [lt("line 2", 0, "2023-01-03", "AAPL", 1.5), lt("line 3", 1, "2023-01-03", "AAPL", -1.5)];
    expect(tradeProblems({ existing: [], incoming, ranges, today: "2026-12-07" })).toEqual([]);
    expect(tradeProblems({ existing: [], incoming: [...incoming].reverse().map((x, i) => ({ ...x, order: i })), ranges, today: "2026-12-07" })).toEqual([
      { label: "line 3", reason: "sells 1.5 AAPL on 2023-01-03 but only 0 are held then" },
    ]);
  });
});
