// The client address used for anonymous and login rate limits.
import { isIP } from "node:net";

type HeaderSource = { get(name: string): string | null };

/**
 * With TRUSTED_PROXY set, the right-most X-Forwarded-For entry is the address the proxy itself saw
 * (entries to its left are whatever the client claimed). Without it, route handlers cannot see the socket:
 * the app's server (scripts/serve.mjs) writes the socket address into X-Forwarded-For, replacing whatever
 * the client sent, so a single plain address there is the client; anything else is not trusted.
 */
export function clientIp({ headers, trustedProxy }: { headers: HeaderSource; trustedProxy: boolean }): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (trustedProxy) {
    const last = forwarded.at(-1);
    if (last && isIP(normalize(last))) return normalize(last);
    const real = headers.get("x-real-ip")?.trim();
    if (real && isIP(normalize(real))) return normalize(real);
    return "unknown";
  }
  if (forwarded.length === 1 && isIP(normalize(forwarded[0]))) return normalize(forwarded[0]);
  return "unknown";
}

// "::ffff:1.2.3.4" and "1.2.3.4" are the same client.
function normalize(ip: string): string {
  return ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}
