"use client";
// The /account webhooks section: register an endpoint (its signing secret is shown once), send a test
// event, see recent deliveries, switch an endpoint back on after it was turned off for failing.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, cardClass, errorClass, inputClass } from "@/components/auth/styles";
import type { z } from "zod";
import type { deliveryViewSchema, WebhookView } from "@/server/webhooks";
import { sendJson, when } from "./api";

export type WebhookRow = WebhookView;
type Delivery = z.input<typeof deliveryViewSchema>;

const EVENT_LABELS: Record<string, string> = {
  "prediction.updated": "New forecasts",
  "model.promoted": "Model promoted",
  "alert.triggered": "My alerts",
  "job.failed": "Failed jobs (admins)",
};

export function WebhookManager({ webhooks, events }: { webhooks: WebhookRow[]; events: string[] }) {
  const router = useRouter();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deliveries, setDeliveries] = useState<Record<string, Delivery[]>>({});

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setError(null);
    const r = await sendJson<{ url: string; secret: string }>("/api/webhooks", { body: { url: String(form.get("url") ?? ""), events: form.getAll("events").map(String) } });
    if (!r.ok) return setError(r.error);
    setSecret({ url: r.data.url, secret: r.data.secret });
    formEl.reset();
    router.refresh();
  }
  async function act(id: string, what: "test" | "delete" | "enable" | "deliveries") {
    setError(null);
    setNotice(null);
    if (what === "deliveries") {
      const r = await sendJson<{ deliveries: Delivery[] }>(`/api/webhooks/${id}/deliveries?limit=10`, { method: "GET" });
      return r.ok ? setDeliveries((d) => ({ ...d, [id]: r.data.deliveries })) : setError(r.error);
    }
    const r =
      what === "test"
        ? await sendJson<{ delivered: boolean; statusCode: number | null; latencyMs: number | null; error: string | null }>(`/api/webhooks/${id}/test`)
        : what === "delete"
          ? await sendJson(`/api/webhooks/${id}`, { method: "DELETE" })
          : await sendJson(`/api/webhooks/${id}`, { method: "PATCH", body: { enabled: true } });
    if (!r.ok) return setError(r.error);
    if (what === "test") {
      const t = r.data as { delivered: boolean; statusCode: number | null; latencyMs: number | null; error: string | null };
      setNotice(t.delivered ? `Test event delivered (HTTP ${t.statusCode}, ${t.latencyMs} ms).` : `Test event not delivered: ${t.error ?? `HTTP ${t.statusCode}`}. It will be retried.`);
    }
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-6" data-testid="webhooks">
      <form onSubmit={create} className={`${cardClass} flex flex-col gap-4`} data-testid="create-webhook-form">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Endpoint URL
          <input name="url" type="url" required placeholder="https://example.com/hooks/stock-hub" className={inputClass} />
        </label>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 font-medium">Send me</legend>
          {events.map((ev) => (
            <label key={ev} className="flex items-center gap-2">
              <input type="checkbox" name="events" value={ev} defaultChecked={ev === "alert.triggered"} /> {EVENT_LABELS[ev] ?? ev}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className={buttonClass}>Add webhook</button>
        </div>
      </form>
      {secret && (
        <div className={cardClass} data-testid="webhook-secret">
          <p className="text-sm">Signing secret for {secret.url}. Copy it now: it is not shown again.</p>
          <code className="mt-2 block break-all rounded bg-zinc-100 p-2 text-sm dark:bg-zinc-800">{secret.secret}</code>
        </div>
      )}
      {error && <p className={errorClass} role="alert">{error}</p>}
      {notice && <p className="text-sm" role="status">{notice}</p>}
      {webhooks.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No webhooks yet.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {webhooks.map((w) => (
            <li key={w.id} className={`${cardClass} flex flex-col gap-2 text-sm`} data-testid="webhook-row">
              <div className="break-all font-medium">{w.url}</div>
              <div className="text-zinc-500 dark:text-zinc-400">{w.events.map((e) => EVENT_LABELS[e] ?? e).join(", ")} · added {when(w.createdAt)}</div>
              {!w.enabled && (
                <p className={errorClass} data-testid="webhook-disabled">
                  Deliveries are switched off. {w.disabledReason}
                </p>
              )}
              <div className="flex flex-wrap gap-2">
                {w.enabled ? (
                  <button type="button" className={buttonClass} onClick={() => act(w.id, "test")}>Send test event</button>
                ) : (
                  <button type="button" className={buttonClass} onClick={() => act(w.id, "enable")}>Turn back on</button>
                )}
                <button type="button" className={buttonClass} onClick={() => act(w.id, "deliveries")}>Recent deliveries</button>
                <button type="button" className={buttonClass} onClick={() => act(w.id, "delete")}>Remove</button>
              </div>
              {deliveries[w.id] && (
                <table className="mt-2 w-full text-left text-xs">
                  <thead>
                    <tr className="text-zinc-500 dark:text-zinc-400"><th>Event</th><th>Status</th><th>Attempts</th><th>Last answer</th><th>Next try</th></tr>
                  </thead>
                  <tbody>
                    {deliveries[w.id].map((d) => {
                      const last = d.log.at(-1);
                      return (
                        <tr key={d.id}>
                          <td>{EVENT_LABELS[d.eventType] ?? (d.eventType === "webhook.test" ? "Test event" : d.eventType)}</td>
                          <td>{d.status}</td>
                          <td>{d.attempts}</td>
                          <td>{last ? `${last.statusCode ?? "no answer"} · ${last.latencyMs} ms${last.error ? ` · ${last.error}` : ""}` : "-"}</td>
                          <td>{d.nextAttemptAt ? when(d.nextAttemptAt) : "-"}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
