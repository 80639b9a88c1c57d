"use client";
// Quiet hours: on or off, from and until (24-hour clock), in the person's time zone (their browser's by
// default). Saved with PUT /api/notifications/settings; the answer is said back in words.
import { useEffect, useId, useState } from "react";
import { Notice } from "@/components/account/notice";
import { buttonClass, cardClass, inputClass } from "@/components/auth/styles";
import { sendJson } from "@/components/push/api";
import type { SettingsView } from "@/server/notifications";

type Quiet = NonNullable<SettingsView["quietHours"]>;

const zones = (): string[] => {
  const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return all.includes("UTC") ? all : ["UTC", ...all];
};

export function QuietHoursForm({ initial }: { initial: Quiet | null }) {
  const [on, setOn] = useState(initial !== null);
  const [start, setStart] = useState(initial?.start ?? "22:00");
  const [end, setEnd] = useState(initial?.end ?? "07:00");
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? "UTC");
  const [options, setOptions] = useState<string[]>([initial?.timeZone ?? "UTC"]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();

  // The browser's zone list and zone are only known in the browser (the server's could differ).
  useEffect(() => {
    setOptions(zones());
    if (!initial) setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  }, [initial]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const r = await sendJson<{ quietHours: Quiet | null }>("/api/notifications/settings", { method: "PUT", body: { quietHours: on ? { start, end, timeZone } : null } });
    setPending(false);
    setError(r.ok ? null : r.error);
    if (!r.ok) return setDone(null);
    const q = r.data.quietHours;
    setDone(q ? `Saved. Alert emails and webhooks wait from ${q.start} until ${q.end} (${q.timeZone}).` : "Saved. Quiet hours are off: alert emails and webhooks go out at once.");
  }

  return (
    <form onSubmit={save} className={`${cardClass} flex flex-col gap-4`} data-testid="quiet-hours-form">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Hold alert emails and webhooks during quiet hours
      </label>
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="flex flex-col gap-1 text-sm font-medium">
          From
          <input type="time" value={start} onChange={(e) => setStart(e.target.value)} disabled={!on} required className={`${inputClass} disabled:opacity-50`} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Until
          <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} disabled={!on} required className={`${inputClass} disabled:opacity-50`} />
        </label>
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor={`${id}-zone`}>Time zone</label>
          <select id={`${id}-zone`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} disabled={!on} className={`${inputClass} disabled:opacity-50`}>
            {(options.includes(timeZone) ? options : [timeZone, ...options]).map((z) => (
              <option key={z} value={z}>
                {z.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className={`${buttonClass} self-start`} disabled={pending}>
        Save quiet hours
      </button>
      <Notice error={error} done={done} testId="quiet-hours" />
    </form>
  );
}
