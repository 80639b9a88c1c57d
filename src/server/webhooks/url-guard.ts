import "server-only";
// SSRF guard for webhook targets. A target must be https and resolve only to public addresses (address-ranges.ts:
// one list of the IANA special-purpose ranges, checked on the parsed address). The operator may open their own
// network with WEBHOOK_ALLOWED_TARGETS (allowed-targets.ts; http is then allowed to those targets too), and
// development and tests everything but the never-ranges with WEBHOOK_ALLOW_PRIVATE_TARGETS=1. Link-local and
// cloud-metadata addresses are refused always. The same check runs again inside the socket's DNS lookup at
// connect time, so a name that resolves to a public address when saved and to 127.0.0.1 later (DNS rebinding)
// is refused.
import { lookup as dnsLookup } from "node:dns";
import { lookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { getEnv } from "@/env";
import { badRequest } from "@/lib/errors";
import { classifyAddress } from "./address-ranges";
import { addressListed, hostListed, parseAllowedTargets, portOf, type AllowedTarget } from "./allowed-targets";

export interface TargetPolicy {
  /** Development and tests: every address but the never-ranges, and http. */
  allowPrivate: boolean;
  /** The operator's allow-list. */
  allowed: readonly AllowedTarget[];
}

/** The policy the configuration sets (validated at start-up, so parsing here cannot fail). */
export function targetPolicy(): TargetPolicy {
  const env = getEnv();
  return { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE_TARGETS, allowed: parseAllowedTargets(env.WEBHOOK_ALLOWED_TARGETS) };
}

/** Why `address` may not be reached for `url`, or null when it may. */
function refusal(address: string, url: URL, policy: TargetPolicy): string | null {
  const c = classifyAddress(address);
  if (c.class === "never") return `Webhook target ${address} is in a range never allowed (${c.range}): link-local or cloud-metadata, multicast, unspecified`;
  if (policy.allowPrivate) return null;
  const listed = hostListed(policy.allowed, url) || addressListed(policy.allowed, address, portOf(url));
  if (c.class === "special" && !listed) return `Webhook target ${address} is a loopback or private address (${c.range})`;
  // http only to what the operator listed: their own network, not the internet.
  if (url.protocol === "http:" && !listed) return "The webhook URL must start with https://";
  return null;
}

/** Validates a target URL at save and send time; throws a 400 with a message that says why. */
export async function assertSafeTarget(raw: string, policy: TargetPolicy = targetPolicy()): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest("The webhook URL is not a valid address");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw badRequest("The webhook URL must start with https://");
  if (url.protocol === "http:" && !policy.allowPrivate && policy.allowed.length === 0) throw badRequest("The webhook URL must start with https://");
  if (url.username || url.password) throw badRequest("The webhook URL must not contain a user name or password");
  if (url.port === "0") throw badRequest("The webhook URL's port 0 is not a port a server listens on");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  for (const a of addresses) {
    const why = refusal(a, url, policy);
    if (why) throw badRequest(why);
  }
  return url;
}

async function resolveAll(host: string): Promise<string[]> {
  try {
    const found = await lookup(host, { all: true, verbatim: true });
    if (found.length === 0) throw new Error("no addresses");
    return found.map((f) => f.address);
  } catch {
    throw badRequest(`Webhook host ${host} does not resolve`);
  }
}

/** A socket `lookup` for `url` that refuses what assertSafeTarget refuses: the check at connect time. */
export function guardedLookup(url: URL, policy: TargetPolicy = targetPolicy()): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as { address: string; family: number }[];
      for (const a of list) {
        const why = refusal(a.address, url, policy);
        if (why) return callback(Object.assign(new Error(why), { code: "ESSRF" }), "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
