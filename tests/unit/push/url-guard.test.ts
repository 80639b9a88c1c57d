// The SSRF address rules and the connect-time lookup that enforces them again (DNS rebinding).
import { describe, expect, it } from "vitest";
import { classifyAddress, guardedLookup } from "@/server/webhooks/url-guard";

describe("classifyAddress", () => {
  it("puts loopback, private, CGNAT and mapped forms in private, link-local and metadata in forbidden", () => {
    const cases: Record<string, string> = {
      "127.0.0.1": "private",
      "10.0.0.1": "private",
      "172.16.5.4": "private",
      "192.168.1.1": "private",
      "100.64.0.1": "private",
      "0.0.0.0": "private",
      "::1": "private",
      "fc00::1": "private",
      "::ffff:127.0.0.1": "private",
      "::ffff:7f00:1": "private",
      "169.254.169.254": "forbidden",
      "169.254.1.1": "forbidden",
      "fe80::1": "forbidden",
      "fd00:ec2::254": "forbidden",
      "::ffff:169.254.169.254": "forbidden",
      "93.184.215.14": "public",
      "2606:4700::6810:85e5": "public",
      "not-an-ip": "forbidden",
    };
    expect(Object.fromEntries(Object.keys(cases).map((a) => [a, classifyAddress(a)]))).toEqual(cases);
  });
});

describe("guardedLookup", () => {
  const lookup = (allowPrivate: boolean, host: string) =>
    new Promise<{ err: (Error & { code?: string }) | null; address: unknown }>((resolve) =>
      guardedLookup({ allowPrivate })(host, { all: true }, (err, address) => resolve({ err: err as Error | null, address })),
    );

  it("refuses at connect time a name that resolves to loopback, unless private targets are allowed", async () => {
    const refused = await lookup(false, "localhost");
    expect(refused.err?.code).toBe("ESSRF");
    expect(refused.err?.message).toMatch(/loopback or private/);
    const allowed = await lookup(true, "localhost");
    expect(allowed.err).toBeNull();
    expect((allowed.address as { address: string }[]).map((a) => a.address)).toEqual(expect.arrayContaining(["127.0.0.1"]));
  });
});
