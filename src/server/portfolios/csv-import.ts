// Reading a CSV of transactions (date, symbol, quantity, price, fees) into trades with their line numbers.
// Every row is checked and every problem kept with its line, so a person fixes the file once rather than
// once per error. Whether the symbols and dates make sense against the market data is transactions.ts.
import { CsvError, parse } from "csv-parse/sync";
import { isCalendarDate } from "@/lib/calendar-date";
import { SYMBOL_PATTERN } from "@/lib/symbol";
import type { Trade } from "./figures";

export const MAX_TRANSACTIONS = 5000;
export const CSV_COLUMNS = ["date", "symbol", "quantity", "price", "fees"] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** Header names brokers' exports use for the same columns. */
const ALIASES: Record<string, Column> = {
  date: "date",
  trade_date: "date",
  symbol: "symbol",
  ticker: "symbol",
  quantity: "quantity",
  qty: "quantity",
  shares: "quantity",
  price: "price",
  fees: "fees",
  fee: "fees",
  commission: "fees",
};

export interface LineTrade extends Trade {
  /** Line of the file (1 = the header row). */
  line: number;
}

export interface Problem {
  line: number;
  reason: string;
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export { isCalendarDate };

/** The checks that need no market data, shared with hand-entered trades: the reason, or null when fine. */
export function tradeProblem(t: { date: string; symbol: string; quantity: number; price: number; fees: number }): string | null {
  if (!isCalendarDate(t.date)) {
    return /^\d{4}-\d{2}-\d{2}$/.test(t.date) ? `date "${t.date}" is not a day of the calendar` : `date "${t.date}" is not a date written YYYY-MM-DD`;
  }
  if (!SYMBOL_PATTERN.test(t.symbol)) return `symbol "${t.symbol}" is not a ticker symbol (1-10 letters, digits, '.' or '-')`;
  if (!Number.isFinite(t.quantity) || t.quantity === 0) return "quantity must be a number other than 0 (negative for a sale)";
  if (Math.abs(t.quantity) > 1e9) return "quantity is larger than a billion shares";
  if (!Number.isFinite(t.price) || t.price <= 0) return "price must be a number greater than 0";
  if (t.price > 1e7) return "price is above 10,000,000";
  if (!Number.isFinite(t.fees) || t.fees < 0) return "fees must be 0 or more";
  if (t.fees > 1e7) return "fees are above 10,000,000";
  return null;
}

function number(raw: string | undefined, column: Column): number | string {
  const v = (raw ?? "").trim();
  if (v === "") return column === "fees" ? 0 : `${column} is missing`;
  if (!NUMBER_RE.test(v)) return `${column} "${v.slice(0, 20)}" is not a number (write 1234.5, without currency signs or thousands separators)`;
  return Number(v);
}

function unreadable(err: CsvError): string {
  if (err.code === "CSV_QUOTE_NOT_CLOSED") return "a quoted field is never closed, so the rest of the file cannot be read";
  if (err.code === "CSV_INVALID_CLOSING_QUOTE") return "a quote is followed by more text inside the same field";
  return "the file cannot be read as CSV from this line on";
}

/** Parses the file; trades and problems both carry their lines. Nothing here reads the database or the market. */
export function parseTransactionsCsv(text: string): { trades: LineTrade[]; problems: Problem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) return { trades: [], problems: [{ line: (err as { lines?: number }).lines ?? 1, reason: unreadable(err) }] };
    throw err;
  }
  if (records.length === 0) return { trades: [], problems: [{ line: 1, reason: "the file is empty: it needs a header row (date,symbol,quantity,price,fees) and one row per transaction" }] };
  const [head, ...rows] = records;
  const at = new Map<Column, number>();
  head.record.forEach((name, i) => {
    const column = ALIASES[name.trim().toLowerCase().replace(/[\s-]+/g, "_")];
    if (column && !at.has(column)) at.set(column, i);
  });
  const missing = CSV_COLUMNS.filter((c) => c !== "fees" && !at.has(c));
  if (missing.length) {
    return { trades: [], problems: [{ line: head.info.lines, reason: `the header row needs the columns date, symbol, quantity and price (fees is optional); missing: ${missing.join(", ")}` }] };
  }
  if (rows.length === 0) return { trades: [], problems: [{ line: head.info.lines, reason: "the file has a header row but no transactions" }] };
  if (rows.length > MAX_TRANSACTIONS) return { trades: [], problems: [{ line: rows[MAX_TRANSACTIONS].info.lines, reason: `a file holds at most ${MAX_TRANSACTIONS} transactions; split it` }] };

  const trades: LineTrade[] = [];
  const problems: Problem[] = [];
  for (const { record, info } of rows) {
    const cell = (c: Column) => (at.has(c) ? (record[at.get(c)!] ?? "") : "");
    const values = { quantity: number(cell("quantity"), "quantity"), price: number(cell("price"), "price"), fees: at.has("fees") ? number(cell("fees"), "fees") : 0 };
    const bad = Object.values(values).find((v): v is string => typeof v === "string");
    const date = cell("date").trim();
    const symbol = cell("symbol").trim().toUpperCase();
    const reason = !date ? "date is missing" : !symbol ? "symbol is missing" : (bad ?? tradeProblem({ date, symbol, ...(values as { quantity: number; price: number; fees: number }) }));
    if (reason) problems.push({ line: info.lines, reason });
    else trades.push({ line: info.lines, date, symbol, ...(values as { quantity: number; price: number; fees: number }) });
  }
  return { trades, problems };
}
