// The SSRF address rules on the parsed address (one list of special-purpose ranges), the operator's allow-list,
// and the connect-time lookup that enforces them again (DNS rebinding).
import { describe, expect, it } from "vitest";
import { classifyAddress } from "@/server/webhooks/address-ranges";
import { parseAllowedTargets } from "@/server/webhooks/allowed-targets";
import { assertSafeTarget, guardedLookup, type TargetPolicy } from "@/server/webhooks/url-guard";

const classOf = (a: string) => classifyAddress(a).class;
const policy = (allowed = "", allowPrivate = false): TargetPolicy => ({ allowPrivate, allowed: parseAllowedTargets(allowed) });
const refusal = async (url: string, p: TargetPolicy) => assertSafeTarget(url, p).then(() => null, (e: Error) => e.message);

describe("classifyAddress", () => {
  it("loopback, private, CGNAT and their mapped forms are special; link-local, metadata, unspecified and multicast never", () => {
    const cases: Record<string, string> = {
      "127.0.0.1": "special",
      "10.0.0.1": "special",
      "172.16.5.4": "special",
      "192.168.1.1": "special",
      "100.64.0.1": "special",
      "::1": "special",
      "fc00::1": "special",
      "::ffff:127.0.0.1": "special",
      "::ffff:7f00:1": "special",
      "0.0.0.0": "never",
      "::": "never",
      "224.0.0.1": "never",
      "ff02::1": "never",
      "169.254.169.254": "never",
      "169.254.1.1": "never",
      "fe80::1": "never",
      "fd00:ec2::254": "never",
      "100.100.100.200": "never",
      "::ffff:169.254.169.254": "never",
      "93.184.215.14": "public",
      "2606:4700::6810:85e5": "public",
      "not-an-ip": "never",
    };
    expect(Object.fromEntries(Object.keys(cases).map((a) => [a, classOf(a)]))).toEqual(cases);
  });

  it("refuses every non-public form the issue-19 probe found (L3), by its range", () => {
    const forms: Record<string, string> = {
      "::7f00:1": "not global unicast", // IPv4-compatible ::127.0.0.1
      "::ffff:0:7f00:1": "not global unicast", // IPv4-translated (SIIT)
      "2002:7f00:1::": "6to4",
      "2001::1": "IETF protocol assignments (Teredo 2001::/32 among them)",
      "fec0::1": "not global unicast", // site-local
      "100::1": "not global unicast", // discard-only
      "192.0.2.10": "documentation (TEST-NET-1)",
      "198.51.100.7": "documentation (TEST-NET-2)",
      "203.0.113.9": "documentation (TEST-NET-3)",
      "192.88.99.1": "6to4 relay anycast",
      "64:ff9b::7f00:1": "not global unicast", // NAT64 of 127.0.0.1
      "2001:db8::1": "documentation",
      "198.18.0.1": "benchmarking",
      "240.0.0.1": "reserved",
    };
    for (const [address, range] of Object.entries(forms)) expect(classifyAddress(address), address).toEqual({ class: "special", range });
    // An IPv4 address carried inside: the metadata address stays forbidden in every wrapping.
    for (const wrapped of ["::a9fe:a9fe", "::ffff:0:a9fe:a9fe", "2002:a9fe:a9fe::", "64:ff9b::a9fe:a9fe", "2001:0:1:2:3:4:5601:5601"]) {
      expect(classOf(wrapped), wrapped).toBe("never");
    }
  });
});

describe("assertSafeTarget", () => {
  it("refuses port 0, http without an allow-list, and the L3 forms as URLs", async () => {
    expect(await refusal("https://93.184.215.14:0/hook", policy())).toMatch(/port 0/);
    expect(await refusal("http://93.184.215.14/hook", policy())).toBe("The webhook URL must start with https://");
    for (const host of ["[::7f00:1]", "[::ffff:0:7f00:1]", "[2002:7f00:1::]", "[2001::1]", "[fec0::1]", "[100::1]", "192.0.2.1", "192.88.99.1"]) {
      expect(await refusal(`https://${host}/hook`, policy()), host).toMatch(/loopback or private address/);
    }
    expect(await refusal("https://93.184.215.14/hook", policy())).toBeNull();
  });

  it("WEBHOOK_ALLOWED_TARGETS opens listed hosts, addresses and ranges (http included), nothing else, never metadata", async () => {
    const lan = policy("192.168.1.0/24,localhost:8123,10.0.0.5:8080");
    expect(await refusal("http://192.168.1.20/hook", lan)).toBeNull();
    expect(await refusal("https://192.168.1.20:9000/hook", lan)).toBeNull();
    expect(await refusal("http://192.168.2.20/hook", lan)).toMatch(/loopback or private address \(private\)/);
    expect(await refusal("http://localhost:8123/api/webhook/x", lan)).toBeNull();
    expect(await refusal("http://localhost:8124/", lan)).toMatch(/loopback or private/);
    expect(await refusal("http://10.0.0.5:8080/", lan)).toBeNull();
    expect(await refusal("http://10.0.0.5:8081/", lan)).toMatch(/loopback or private/);
    // Listing the internet does not come with http, and the metadata address cannot be listed at all.
    expect(await refusal("http://93.184.215.14/hook", lan)).toBe("The webhook URL must start with https://");
    expect(() => parseAllowedTargets("169.254.169.254")).toThrow(/WEBHOOK_ALLOWED_TARGETS: "169.254.169.254" is link-local/);
    expect(await refusal("http://169.254.169.254/latest", policy("169.0.0.0/8"))).toMatch(/link-local/);
  });
});

describe("guardedLookup", () => {
  const lookup = (p: TargetPolicy, url: string) =>
    new Promise<{ err: (Error & { code?: string }) | null; address: unknown }>((resolve) =>
      guardedLookup(new URL(url), p)(new URL(url).hostname, { all: true }, (err, address) => resolve({ err: err as Error | null, address })),
    );

  it("refuses at connect time a name that resolves to loopback, unless that name or its address is allowed", async () => {
    const refused = await lookup(policy(), "https://localhost/hook");
    expect(refused.err?.code).toBe("ESSRF");
    expect(refused.err?.message).toMatch(/loopback or private/);
    for (const p of [policy("", true), policy("localhost"), policy("127.0.0.0/8,::1")]) {
      const allowed = await lookup(p, "https://localhost/hook");
      expect(allowed.err).toBeNull();
      expect((allowed.address as { address: string }[]).map((a) => a.address)).toEqual(expect.arrayContaining(["127.0.0.1"]));
    }
  });
});
