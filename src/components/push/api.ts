// Fetch helper for the account's push forms: JSON in, the API's error message out.
export async function sendJson<T>(url: string, { method = "POST", body }: { method?: string; body?: unknown } = {}): Promise<{ ok: true; data: T } | { ok: false; error: string }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  // People see the message, not which field of the request body it came from.
  if (!res.ok) return { ok: false, error: (data?.error?.message ?? `Request failed (${res.status})`).replace(/^Invalid (body|query|path)(\.[\w.]+)?: /, "") };
  return { ok: true, data: data as T };
}

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");
