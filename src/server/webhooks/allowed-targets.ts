import "server-only";
// WEBHOOK_ALLOWED_TARGETS: the operator's own network that webhooks may reach in any environment (a home
// automation box, a workflow tool on the LAN), as Gitea's ALLOWED_HOST_LIST or GitLab's local-network allow-list.
// Comma-separated entries: a host name (`homeassistant.local`), a host and port (`homeassistant.local:8123`), an
// address with or without a port (`192.168.1.10`, `192.168.1.10:8080`, `[fd00::10]:8080`) or a CIDR range
// (`192.168.1.0/24`, `fd00::/64`). A listed host may resolve to private addresses; a listed address or range
// admits the addresses in it, whatever name a target uses. Link-local and cloud-metadata addresses stay refused
// even when listed (address-ranges.ts), and an entry made only of them is a configuration error.
import ipaddr from "ipaddr.js";
import { classifyAddress, parseAddress } from "./address-ranges";

export type AllowedTarget =
  | { kind: "host"; host: string; port: number | null }
  | { kind: "range"; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port: number | null };

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function port(raw: string, entry: string): number {
  const n = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || n < 1 || n > 65535) throw new Error(`WEBHOOK_ALLOWED_TARGETS: "${entry}" has a port that is not 1-65535`);
  return n;
}

function neverTarget(address: string, entry: string): Error | null {
  const c = classifyAddress(address);
  return c.class === "never" ? new Error(`WEBHOOK_ALLOWED_TARGETS: "${entry}" is ${c.range}, which is never a webhook target`) : null;
}

function parseEntry(entry: string): AllowedTarget {
  const e = entry.toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(e);
  const [addressPart, portPart] = bracketed
    ? [bracketed[1], bracketed[2]]
    : e.includes("/") || ipaddr.isValid(e)
      ? [e, undefined]
      : e.includes(":")
        ? [e.slice(0, e.lastIndexOf(":")), e.slice(e.lastIndexOf(":") + 1)]
        : [e, undefined];
  const p = portPart === undefined ? null : port(portPart, entry);
  if (addressPart.includes("/")) {
    if (p !== null || !ipaddr.isValidCIDR(addressPart)) throw new Error(`WEBHOOK_ALLOWED_TARGETS: "${entry}" is not a CIDR range (e.g. 192.168.1.0/24)`);
    const range = ipaddr.parseCIDR(addressPart);
    const never = neverTarget(range[0].toString(), entry);
    if (never) throw never;
    return { kind: "range", range, port: null };
  }
  const address = parseAddress(addressPart);
  if (address) {
    const never = neverTarget(address.toString(), entry);
    if (never) throw never;
    return { kind: "range", range: [address, address.kind() === "ipv4" ? 32 : 128], port: p };
  }
  const host = addressPart.replace(/\.$/, "");
  if (!HOST_NAME.test(host)) throw new Error(`WEBHOOK_ALLOWED_TARGETS: "${entry}" is not a host name, address or CIDR range`);
  return { kind: "host", host, port: p };
}

/** Parses the setting; throws naming WEBHOOK_ALLOWED_TARGETS and the entry (checked at start-up). */
export function parseAllowedTargets(raw: string | undefined): AllowedTarget[] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseEntry);
}

/** The port a URL connects to. */
export const portOf = (url: URL): number => (url.port ? Number(url.port) : url.protocol === "http:" ? 80 : 443);

/** True when the URL's host name (with its port) is listed by name. */
export function hostListed(list: readonly AllowedTarget[], url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  return list.some((t) => t.kind === "host" && t.host === host && (t.port === null || t.port === portOf(url)));
}

/** True when an address (and the port used) falls in a listed address or range. */
export function addressListed(list: readonly AllowedTarget[], address: string, targetPort: number): boolean {
  const a = parseAddress(address);
  return (
    a !== null &&
    list.some((t) => t.kind === "range" && t.range[0].kind() === a.kind() && a.match(t.range) && (t.port === null || t.port === targetPort))
  );
}
