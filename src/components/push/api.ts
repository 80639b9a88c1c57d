// Fetch helper for the account's push forms: JSON in, the API's error message out in the forms' words (the
// account forms' callApi: fields named by their labels, a lost connection and too many attempts said plainly).
import { callApi } from "@/components/account/call-api";

export async function sendJson<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<{ ok: true; data: T } | { ok: false; error: string }> {
  const r = await callApi<T>(url, init);
  return r.ok ? { ok: true, data: r.data as T } : { ok: false, error: r.error ?? "Something went wrong. Try again." };
}

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");
