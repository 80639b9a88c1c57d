import "server-only";
// One list of special-purpose address ranges, checked on the parsed address (ipaddr.js), never on its spelling:
// the IANA IPv4 and IPv6 Special-Purpose Address Registries, plus the non-global blocks of the address-space
// registries (IPv4 multicast and 240/4; in IPv6 everything outside global unicast 2000::/3). An IPv6 address
// that carries an IPv4 one (IPv4-mapped, -compatible, -translated, NAT64, 6to4, Teredo) is also judged by the
// IPv4 address inside, so ::ffff:169.254.169.254 or 2002:a9fe:a9fe:: is as forbidden as 169.254.169.254.
import ipaddr from "ipaddr.js";

/** public: any webhook may go there; special: only when the operator allows it; never: not even then. */
export type AddressClass = "public" | "special" | "never";
type Parsed = ipaddr.IPv4 | ipaddr.IPv6;
type Range = { range: [Parsed, number]; name: string };

const ranges = (list: [string, string][]): Range[] => list.map(([cidr, name]) => ({ range: ipaddr.parseCIDR(cidr), name }));

// Never a webhook target, whatever WEBHOOK_ALLOWED_TARGETS lists: link-local (the cloud metadata services live at
// 169.254.169.254), the metadata addresses outside it, "this host" (0.0.0.0 reaches local services), multicast
// and broadcast.
const NEVER = ranges([
  ["169.254.0.0/16", "link-local"],
  ["fe80::/10", "link-local"],
  ["fd00:ec2::254/128", "cloud metadata (AWS IPv6)"],
  ["100.100.100.200/32", "cloud metadata (Alibaba)"],
  ["0.0.0.0/8", "this network"],
  ["::/128", "unspecified"],
  ["224.0.0.0/4", "multicast"],
  ["ff00::/8", "multicast"],
  ["255.255.255.255/32", "broadcast"],
]);

// Not on the public internet: refused unless the operator allows them.
const SPECIAL = ranges([
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared address space"],
  ["127.0.0.0/8", "loopback"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "IETF protocol assignments"],
  ["192.0.2.0/24", "documentation (TEST-NET-1)"],
  ["192.31.196.0/24", "AS112"],
  ["192.52.193.0/24", "AMT"],
  ["192.88.99.0/24", "6to4 relay anycast"],
  ["192.168.0.0/16", "private"],
  ["192.175.48.0/24", "AS112 direct delegation"],
  ["198.18.0.0/15", "benchmarking"],
  ["198.51.100.0/24", "documentation (TEST-NET-2)"],
  ["203.0.113.0/24", "documentation (TEST-NET-3)"],
  ["240.0.0.0/4", "reserved"],
  // Outside global unicast 2000::/3: loopback ::1, IPv4-compatible ::/96, IPv4-mapped ::ffff:0:0/96, IPv4-translated
  // ::ffff:0:0:0/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, discard 100::/64, unique local fc00::/7, site-local fec0::/10.
  ["::/3", "not global unicast"],
  ["4000::/2", "not global unicast"],
  ["8000::/1", "not global unicast"],
  ["2001::/23", "IETF protocol assignments (Teredo 2001::/32 among them)"],
  ["2001:db8::/32", "documentation"],
  ["2002::/16", "6to4"],
  ["2620:4f:8000::/48", "AS112"],
  ["3fff::/20", "documentation"],
  ["5f00::/16", "SRv6 SIDs"],
]);

const inList = (addr: Parsed, list: Range[]) => list.find((r) => addr.kind() === r.range[0].kind() && addr.match(r.range));

const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);

/** The IPv4 address an IPv6 one carries, by the forms that route to it; null for none. */
function embeddedIpv4(a: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = a.parts;
  const zeros = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  if (a.isIPv4MappedAddress()) return a.toIPv4Address();
  if (zeros(0, 6) && p[6] !== 0) return v4(p[6], p[7]); // IPv4-compatible ::a.b.c.d (deprecated)
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) return v4(p[6], p[7]); // IPv4-translated ::ffff:0:a.b.c.d
  if (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) return v4(p[6], p[7]); // NAT64 64:ff9b::/96
  if (p[0] === 0x2002) return v4(p[1], p[2]); // 6to4 2002:AABB:CCDD::/48
  if (p[0] === 0x2001 && p[1] === 0) return v4(p[6] ^ 0xffff, p[7] ^ 0xffff); // Teredo: the client's address, inverted
  return null;
}

/** Parses an address (brackets and a zone id allowed); null when it is not an IP address. */
export function parseAddress(raw: string): Parsed | null {
  const bare = raw.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return null;
  const parsed = ipaddr.parse(bare);
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

/** What kind of webhook target an address is, and the name of the range that says so. */
export function classifyAddress(raw: string): { class: AddressClass; range: string | null } {
  const addr = parseAddress(raw);
  if (!addr) return { class: "never", range: "not an IP address" };
  const inner = addr.kind() === "ipv6" ? embeddedIpv4(addr as ipaddr.IPv6) : null;
  const never = inList(addr, NEVER) ?? (inner ? inList(inner, NEVER) : undefined);
  if (never) return { class: "never", range: never.name };
  const special = inList(addr, SPECIAL) ?? (inner ? inList(inner, SPECIAL) : undefined);
  return special ? { class: "special", range: special.name } : { class: "public", range: null };
}
