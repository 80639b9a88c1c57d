"use client";
// The alerts page's controls: create and remove alerts, and a live list of triggers (the alert stream
// refreshes the page when one fires).
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { buttonClass, cardClass, errorClass, inputClass } from "@/components/auth/styles";
import { sendJson, when } from "./api";

export interface AlertRow {
  id: string;
  symbol: string;
  type: "above" | "below" | "move_pct" | "outside_interval";
  price: number | null;
  percent: number | null;
  active: boolean;
  lastTriggeredAt: string | null;
}

export function describeAlert(a: Pick<AlertRow, "symbol" | "type" | "price" | "percent">): string {
  if (a.type === "above") return `${a.symbol} closes at or above ${a.price}`;
  if (a.type === "below") return `${a.symbol} closes at or below ${a.price}`;
  if (a.type === "move_pct") return `${a.symbol} moves ${a.percent}% or more in a day`;
  return `${a.symbol} closes outside yesterday's 95% forecast range`;
}

export function AlertManager({ alerts }: { alerts: AlertRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [type, setType] = useState<AlertRow["type"]>("above");
  const [live, setLive] = useState(false);

  useEffect(() => {
    const source = new EventSource("/api/stream/alerts");
    source.addEventListener("snapshot", () => setLive(true));
    source.addEventListener("alert.triggered", () => router.refresh());
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [router]);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const symbol = String(form.get("symbol") ?? "");
    const value = Number(form.get("value"));
    const body = type === "move_pct" ? { symbol, type, percent: value } : type === "outside_interval" ? { symbol, type } : { symbol, type, price: value };
    setError(null);
    const r = await sendJson("/api/alerts", { body });
    if (!r.ok) return setError(r.error);
    formEl.reset();
    router.refresh();
  }
  async function remove(id: string) {
    const r = await sendJson(`/api/alerts/${id}`, { method: "DELETE" });
    if (!r.ok) return setError(r.error);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={create} className={`${cardClass} flex flex-col gap-4 sm:flex-row sm:items-end`} data-testid="create-alert-form">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Symbol
          <input name="symbol" required maxLength={10} placeholder="AAPL" className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          When
          <select name="type" value={type} onChange={(e) => setType(e.target.value as AlertRow["type"])} className={inputClass}>
            <option value="above">closes at or above</option>
            <option value="below">closes at or below</option>
            <option value="move_pct">moves by at least (%)</option>
            <option value="outside_interval">closes outside the forecast range</option>
          </select>
        </label>
        {type !== "outside_interval" && (
          <label className="flex flex-col gap-1 text-sm font-medium">
            {type === "move_pct" ? "Percent" : "Price"}
            <input name="value" type="number" step="any" min="0" required className={inputClass} />
          </label>
        )}
        <button type="submit" className={buttonClass}>Add alert</button>
      </form>
      {error && <p className={errorClass} role="alert">{error}</p>}
      <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="alerts-live">{live ? "Live: new triggers appear here as they happen." : "Connecting for live updates..."}</p>
      {alerts.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No alerts yet.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {alerts.map((a) => (
            <li key={a.id} className={`${cardClass} flex items-center justify-between gap-4 text-sm`} data-testid="alert-row">
              <div>
                <div className="font-medium">{describeAlert(a)}</div>
                <div className="text-zinc-500 dark:text-zinc-400">{a.active ? "on" : "fired, now off"} · last fired {when(a.lastTriggeredAt)}</div>
              </div>
              <button type="button" className={buttonClass} onClick={() => remove(a.id)}>Remove</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
