"use client";
// The alerts page's form: a symbol, what to watch for (a price level, a one-day move, a new 52-week high or
// low, a close outside the forecast range) and where a firing goes (the notification list, email, webhooks).
import { useId, useState } from "react";
import { buttonClass, cardClass, errorClass, inputClass } from "@/components/auth/styles";
import { sendJson } from "./api";

export type AlertKind = "above" | "below" | "move_pct" | "high_52w" | "low_52w" | "outside_interval";
export type Channel = "in_app" | "email" | "webhook";

export const KIND_LABELS: Record<AlertKind, string> = {
  above: "the price is at or above",
  below: "the price is at or below",
  move_pct: "the price moves by at least (%) in a day",
  high_52w: "it makes a new 52-week high",
  low_52w: "it makes a new 52-week low",
  outside_interval: "it closes outside the forecast's 95% range",
};

export const CHANNEL_LABELS: Record<Channel, string> = { in_app: "In the app (the bell)", email: "Email", webhook: "My webhooks" };

export function AlertForm({ onCreated, limit, count }: { onCreated: () => void; limit: number; count: number }) {
  const [error, setError] = useState<string | null>(null);
  const [type, setType] = useState<AlertKind>("above");
  const [pending, setPending] = useState(false);
  const id = useId();

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const symbol = String(form.get("symbol") ?? "");
    const value = Number(form.get("value"));
    const channels = form.getAll("channels").map(String);
    if (channels.length === 0) return setError("Choose at least one place for the alert to reach you.");
    const threshold = type === "move_pct" ? { percent: value } : type === "above" || type === "below" ? { price: value } : {};
    setError(null);
    setPending(true);
    const r = await sendJson("/api/alerts", { body: { symbol, type, ...threshold, channels } });
    setPending(false);
    if (!r.ok) return setError(r.error);
    formEl.reset();
    setType("above");
    onCreated();
  }

  return (
    <form onSubmit={create} className={`${cardClass} flex flex-col gap-4`} data-testid="create-alert-form">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Symbol
          <input name="symbol" required maxLength={10} placeholder="AAPL" autoCapitalize="characters" className={inputClass} />
        </label>
        {/* Labelled by id, not wrapped: a wrapping label would take the chosen option's words into its name. */}
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor={`${id}-type`}>When</label>
          <select id={`${id}-type`} name="type" value={type} onChange={(e) => setType(e.target.value as AlertKind)} className={inputClass}>
            {(Object.keys(KIND_LABELS) as AlertKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        {(type === "above" || type === "below" || type === "move_pct") && (
          <label className="flex flex-col gap-1 text-sm font-medium">
            {type === "move_pct" ? "Percent" : "Price"}
            <input name="value" type="number" step="any" min="0" required className={inputClass} />
          </label>
        )}
      </div>
      <fieldset className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
        <legend className="mb-1 font-medium">Tell me</legend>
        {(Object.keys(CHANNEL_LABELS) as Channel[]).map((c) => (
          <label key={c} className="flex items-center gap-1.5">
            <input type="checkbox" name="channels" value={c} defaultChecked={c === "in_app"} />
            {CHANNEL_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass} disabled={pending}>
          Add alert
        </button>
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="alert-count">
          {count} of {limit} alerts
        </p>
      </div>
      {error && (
        <p className={errorClass} role="alert" data-testid="alert-form-error">
          {error}
        </p>
      )}
    </form>
  );
}
