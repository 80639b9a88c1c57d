import "server-only";
// SSRF guard for webhook targets. A target must be https and resolve only to public addresses; loopback and
// private ranges are allowed only with WEBHOOK_ALLOW_PRIVATE_TARGETS=1 (development, tests), link-local and
// cloud-metadata addresses never. The same check runs again inside the socket's DNS lookup at connect time,
// so a name that resolves to a public address when saved and to 127.0.0.1 later (DNS rebinding) is refused.
import { lookup as dnsLookup } from "node:dns";
import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { badRequest } from "@/lib/errors";

export type AddressClass = "public" | "private" | "forbidden";

const forbidden = new BlockList();
forbidden.addSubnet("169.254.0.0", 16, "ipv4"); // link-local, including 169.254.169.254 (metadata)
forbidden.addSubnet("fe80::", 10, "ipv6"); // link-local
forbidden.addAddress("fd00:ec2::254", "ipv6"); // AWS metadata over IPv6

const privateRanges = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["172.16.0.0", 12], ["192.0.0.0", 24],
  ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) privateRanges.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32]] as const) {
  privateRanges.addSubnet(net, bits, "ipv6");
}

/** An IPv4 address hidden in an IPv4-mapped IPv6 one (::ffff:127.0.0.1 or ::ffff:7f00:1), else null. */
function mappedIpv4(address: string): string | null {
  const m = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(address) ?? /^::ffff:(.+)$/i.exec(address);
  if (!m) return null;
  if (isIP(m[1]) === 4) return m[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(m[1]);
  if (!hex) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = isIP(bare) === 6 ? mappedIpv4(bare) : null;
  const [ip, family] = v4 ? [v4, "ipv4" as const] : [bare, isIP(bare) === 4 ? ("ipv4" as const) : ("ipv6" as const)];
  if (isIP(ip) === 0) return "forbidden";
  if (forbidden.check(ip, family)) return "forbidden";
  if (privateRanges.check(ip, family)) return "private";
  return "public";
}

function refusal(address: string, cls: AddressClass, allowPrivate: boolean): string | null {
  if (cls === "forbidden") return `Webhook target ${address} is a link-local or cloud-metadata address`;
  if (cls === "private" && !allowPrivate) return `Webhook target ${address} is a loopback or private address`;
  return null;
}

/** Validates a target URL at save and send time; throws a 400 with a message that says why. */
export async function assertSafeTarget(raw: string, { allowPrivate }: { allowPrivate: boolean }): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest("Webhook url is not a valid URL");
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) throw badRequest("Webhook url must use https");
  if (url.username || url.password) throw badRequest("Webhook url must not contain credentials");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  for (const a of addresses) {
    const why = refusal(a, classifyAddress(a), allowPrivate);
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

/** A socket `lookup` that refuses what assertSafeTarget refuses: the check at connect time. */
export function guardedLookup({ allowPrivate }: { allowPrivate: boolean }): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const list = addresses as { address: string; family: number }[];
      for (const a of list) {
        const why = refusal(a.address, classifyAddress(a.address), allowPrivate);
        if (why) return callback(Object.assign(new Error(why), { code: "ESSRF" }), "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
