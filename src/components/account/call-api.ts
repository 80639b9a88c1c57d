// The account forms' one way to call the API: JSON in, JSON out, and an error said in words. The API names
// the field in its messages ("newPassword: …"); the forms show the field's label instead.
export interface ApiAnswer<T> {
  ok: boolean;
  status: number;
  data: T | null;
  error: string | null;
}

const FIELD_LABELS: Record<string, string> = {
  currentPassword: "Current password",
  newPassword: "New password",
  newEmail: "New email",
  password: "Password",
  email: "Email",
  token: "Link",
  name: "Name",
  symbols: "Symbols",
  symbol: "Symbol",
  price: "Price",
  percent: "Percent",
  channels: "Channels",
  url: "Endpoint URL",
  events: "Events",
  start: "From",
  end: "Until",
  timeZone: "Time zone",
};

export function wordsFor(message: string): string {
  const m = /^(\w+)( item \d+)?: (.*)$/.exec(message);
  if (!m || !FIELD_LABELS[m[1]]) return message;
  return `${FIELD_LABELS[m[1]]}${m[2] ?? ""}: ${m[3]}`;
}

export async function callApi<T>(url: string, { method = "POST", body }: { method?: string; body?: unknown } = {}): Promise<ApiAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, data: null, error: "The server could not be reached. Check your connection and try again." };
  }
  const json = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (res.ok) return { ok: true, status: res.status, data: json, error: null };
  const message = json?.error?.message;
  if (res.status === 429) return { ok: false, status: 429, data: null, error: "Too many attempts. Wait a minute and try again." };
  return { ok: false, status: res.status, data: null, error: message ? wordsFor(message) : "Something went wrong. Try again." };
}

export const PASSWORD_RULE = "At least 10 characters, not a common password, and not containing your username.";

/** The checks a browser can make before asking: length and the repeated entry. */
export function newPasswordProblem(password: string, repeated: string): string | null {
  if (password.length < 10) return "New password: use at least 10 characters.";
  if (new TextEncoder().encode(password).length > 72) return "New password: use at most 72 bytes (about 72 letters).";
  if (password !== repeated) return "The two new passwords are not the same.";
  return null;
}
