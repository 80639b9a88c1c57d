// Where to send someone after signing in. Only same-site paths: "//evil.example" or "https://..." would be
// an open redirect.
export function safeCallbackUrl(raw: string | string[] | undefined | null, fallback = "/account"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
