"use client";
// The alerts page's controls: the form, and the alerts with their state and channels (pause, resume, remove).
// The alert stream refreshes the page when one fires.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { buttonClass, cardClass, errorClass } from "@/components/auth/styles";
import { AlertForm, CHANNEL_LABELS } from "./alert-form";
import type { AlertView } from "@/server/alerts";
import { sendJson } from "./api";

/** An alert as GET /api/alerts answers it. */
export type AlertRow = AlertView;

export function describeAlert(a: Pick<AlertRow, "symbol" | "type" | "price" | "percent">): string {
  if (a.type === "above") return `${a.symbol} at or above ${a.price}`;
  if (a.type === "below") return `${a.symbol} at or below ${a.price}`;
  if (a.type === "move_pct") return `${a.symbol} moves ${a.percent}% or more in a day`;
  if (a.type === "high_52w") return `${a.symbol} makes a new 52-week high`;
  if (a.type === "low_52w") return `${a.symbol} makes a new 52-week low`;
  return `${a.symbol} closes outside its forecast's 95% range`;
}

function stateOf(a: AlertRow): string {
  if (!a.active) return "paused";
  if ((a.type === "above" || a.type === "below") && !a.armed) return `fired; fires again once the price is back ${a.type === "above" ? "below" : "above"} ${a.price}`;
  return "on";
}

// The same text on the server and in the browser (a locale-dependent time would differ between the two).
const lastFired = (iso: string | null) => (iso ? `last fired ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "never fired");

/** `liveData`: live market data reaches this install; without it prices are the shipped historical set's and nothing new arrives. */
export function AlertManager({ alerts, limit, liveData }: { alerts: AlertRow[]; limit: number; liveData: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);

  useEffect(() => {
    const source = new EventSource("/api/stream/alerts");
    source.addEventListener("snapshot", () => setLive(true));
    source.addEventListener("alert.triggered", () => router.refresh());
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [router]);

  async function act(url: string, init: { method: string; body?: unknown }) {
    const r = await sendJson(url, init);
    if (!r.ok) return setError(r.error);
    setError(null);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-6">
      <AlertForm onCreated={() => router.refresh()} limit={limit} count={alerts.length} />
      {error && (
        <p className={errorClass} role="alert">
          {error}
        </p>
      )}
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="alerts-live" data-data={liveData ? "live" : "historical"}>
        {!liveData
          ? "Not live: this install shows the historical prices shipped with the app, and no new prices arrive, so no alert can fire until live market data is connected."
          : live
            ? "Live: new triggers appear here as they happen."
            : "Connecting for live updates..."}
      </p>
      {alerts.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No alerts yet.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {alerts.map((a) => (
            <li key={a.id} className={`${cardClass} flex flex-col gap-3 text-sm sm:flex-row sm:items-center sm:justify-between`} data-testid="alert-row">
              <div className="min-w-0">
                <div className="font-medium">{describeAlert(a)}</div>
                <div className="text-zinc-600 dark:text-zinc-400">
                  {stateOf(a)} · {lastFired(a.lastTriggeredAt)}
                </div>
                <div className="text-zinc-600 dark:text-zinc-400">Tells you: {a.channels.map((c) => CHANNEL_LABELS[c].toLowerCase()).join(", ")}</div>
              </div>
              <div className="flex shrink-0 gap-2">
                <button type="button" className={buttonClass} onClick={() => act(`/api/alerts/${a.id}`, { method: "PATCH", body: { active: !a.active } })} aria-label={`${a.active ? "Pause" : "Resume"}: ${describeAlert(a)}`}>
                  {a.active ? "Pause" : "Resume"}
                </button>
                <button type="button" className={buttonClass} onClick={() => act(`/api/alerts/${a.id}`, { method: "DELETE" })} aria-label={`Remove: ${describeAlert(a)}`}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
