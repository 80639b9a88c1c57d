"use client";
// Changing what the portfolio holds: one transaction by hand, a CSV file of them, or removing one. Each
// change is checked whole by the server and saved or refused; refused rows are listed with their lines.
import { useState } from "react";
import { callApi, type ApiAnswer } from "@/components/account/call-api";
import { Notice } from "@/components/account/notice";
import { buttonClass, errorClass, inputClass } from "@/components/auth/styles";
import { formatPrice } from "@/components/lib/format";
import { formatShares, mutedText, smallButton, type PortfolioView, type TradeInput } from "./types";

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const field = "flex min-w-0 flex-col gap-1 text-sm font-medium";
const keep = (t: PortfolioView["transactions"][number]): TradeInput => ({ date: t.date, symbol: t.symbol, quantity: t.quantity, price: t.price, fees: t.fees });

async function sendCsv(id: string, csv: string): Promise<ApiAnswer<{ imported: number; portfolio: PortfolioView }> & { rows: { line: number; reason: string }[] }> {
  let res: Response;
  try {
    res = await fetch(`/api/portfolios/${encodeURIComponent(id)}/import`, { method: "POST", headers: { "content-type": "text/csv" }, body: csv });
  } catch {
    return { ok: false, status: 0, data: null, error: "The server could not be reached. Check your connection and try again.", rows: [] };
  }
  const json = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: json, error: null, rows: [] };
  return { ok: false, status: res.status, data: null, error: json?.error?.message ?? "Something went wrong. Try again.", rows: json?.error?.rows ?? [] };
}

export function TradeForms({ view, onChange }: { view: PortfolioView; onChange: (v: PortfolioView) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [rows, setRows] = useState<{ line: number; reason: string }[]>([]);
  const [pending, setPending] = useState(false);

  async function save(transactions: TradeInput[], said: string): Promise<boolean> {
    setPending(true);
    const r = await callApi<PortfolioView>(`/api/portfolios/${view.id}`, { method: "PATCH", body: { transactions } });
    setPending(false);
    setRows([]);
    const reason = r.error?.replace(/^transactions item \d+: /, "") ?? null;
    setError(reason && `${reason[0].toUpperCase()}${reason.slice(1)}${/[.!?]$/.test(reason) ? "" : "."}`);
    setDone(r.ok ? said : null);
    if (r.ok && r.data) onChange(r.data);
    return r.ok;
  }

  async function addByHand(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const side = text("side");
    const quantity = Number(text("quantity"));
    const t = { date: text("date"), symbol: text("symbol").toUpperCase(), quantity: side === "sell" ? -quantity : quantity, price: Number(text("price")), fees: text("fees") === "" ? 0 : Number(text("fees")) };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(t.date)) return setError("Date: choose the day of the trade.");
    if (!t.symbol) return setError("Symbol: type a ticker symbol, like AAPL.");
    const plain = (k: string) => text(k) === "" || PLAIN_NUMBER.test(text(k));
    if (!plain("quantity") || !plain("price") || !plain("fees")) {
      const label = !plain("quantity") ? "Shares" : !plain("price") ? "Price" : "Fees";
      return setError(`${label}: type a plain number, like 125.07, without $ or thousands separators.`);
    }
    if (!(quantity > 0)) return setError("Shares: type how many shares, more than 0.");
    if (!(t.price > 0)) return setError("Price: type the price per share, more than 0.");
    if (!(t.fees >= 0)) return setError("Fees: type 0 or more.");
    const ok = await save([...view.transactions.map(keep), t], `${side === "sell" ? "Sold" : "Bought"} ${formatShares(quantity)} ${t.symbol} on ${t.date}.`);
    if (ok) formEl.reset();
  }

  async function importFile(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const file = (new FormData(formEl).get("file") as File | null) ?? null;
    setDone(null);
    if (!file || file.size === 0) return setError("File: choose a CSV file with the columns date, symbol, quantity, price and fees.");
    setPending(true);
    const r = await sendCsv(view.id, await file.text());
    setPending(false);
    setError(r.error);
    setRows(r.rows);
    if (r.ok && r.data) {
      setDone(`Imported ${r.data.imported} transaction${r.data.imported === 1 ? "" : "s"} from ${file.name}.`);
      onChange(r.data.portfolio);
      formEl.reset();
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={addByHand} noValidate className="grid grid-cols-2 items-end gap-2 sm:grid-cols-7" data-testid="trade-form" aria-label="Add a transaction">
        <label className={field}>
          Trade
          <select name="side" className={inputClass} defaultValue="buy">
            <option value="buy">Buy</option>
            <option value="sell">Sell</option>
          </select>
        </label>
        <label className={field}>
          Date
          <input name="date" type="date" className={inputClass} />
        </label>
        <label className={field}>
          Symbol
          <input name="symbol" maxLength={10} placeholder="AAPL" autoCapitalize="characters" className={inputClass} />
        </label>
        <label className={field}>
          Shares
          <input name="quantity" inputMode="decimal" placeholder="10" className={inputClass} />
        </label>
        <label className={field}>
          Price
          <input name="price" inputMode="decimal" placeholder="125.07" className={inputClass} />
        </label>
        <label className={field}>
          Fees
          <input name="fees" inputMode="decimal" placeholder="0" className={inputClass} />
        </label>
        <button type="submit" disabled={pending} className={`${buttonClass} col-span-2 sm:col-span-1`}>
          Add
        </button>
      </form>

      <form onSubmit={importFile} noValidate className="flex flex-wrap items-end gap-2" data-testid="import-form">
        <label className={`${field} flex-1`}>
          Import a CSV file
          <input name="file" type="file" accept=".csv,text/csv" className="text-sm file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-2 dark:file:border-zinc-700 dark:file:bg-zinc-900 dark:file:text-zinc-100" />
        </label>
        <button type="submit" disabled={pending} className={buttonClass}>
          Import
        </button>
      </form>
      <p className={`text-xs ${mutedText}`}>
        One row per trade under a header row: <code>date,symbol,quantity,price,fees</code>, dates as YYYY-MM-DD, a negative quantity for a sale. One bad
        row and nothing is imported: the rows to fix are listed with their line numbers.
      </p>
      {rows.length > 0 ? (
        <div role="alert" className={errorClass} data-testid="import-errors">
          <p>{error}</p>
          <ul className="mt-1 list-disc pl-5">
            {rows.map((r) => (
              <li key={`${r.line}-${r.reason}`} data-testid="import-error-row">
                Line {r.line}: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Notice error={error} done={done} testId="trades" />
      )}

      {view.transactions.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">All {view.transactions.length} transactions</summary>
          <ol className="mt-2 flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="transaction-list">
            {view.transactions.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5" data-testid="transaction-row">
                <span className="tabular-nums">
                  {t.date} · {t.quantity > 0 ? "Bought" : "Sold"} {formatShares(Math.abs(t.quantity))} {t.symbol} at {formatPrice(t.price)}
                  {t.fees ? ` (fees ${formatPrice(t.fees)})` : ""}
                </span>
                <button type="button" disabled={pending} className={smallButton} aria-label={`Remove the ${t.symbol} trade of ${t.date}`} onClick={() => void save(view.transactions.filter((x) => x.id !== t.id).map(keep), `Removed the ${t.symbol} trade of ${t.date}.`)}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
