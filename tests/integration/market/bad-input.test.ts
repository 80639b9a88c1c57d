// Bad provider answers: a garbage body, an HTML consent or captcha page served with status 200, a truncated JSON
// answer. Each is refused with a logged reason, the last good data keeps serving, and nothing reaches a caller as 500.
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET as stockGET } from "@/app/api/stock/[symbol]/route";
import { logger } from "@/lib/logger";
import { finnhubProvider } from "@/server/market/providers/finnhub";
import { readFixture } from "../../support/replay-server";
import { clearMarketKeys, providerCallCount, useProviders, useReplayServer } from "../../unit/market/setup";

const req = (path: string) => new NextRequest(new URL(path, "http://localhost:3000"));
const seg = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const stock = (symbol: string) => stockGET(req(`/api/stock/${symbol}`), seg({ symbol }));

const recordedQuote = readFixture("finnhub/quote-AAPL.json");
const BAD: { name: string; body: string; reason: RegExp }[] = [
  { name: "a garbage body", body: "\u0000\u0001binary\ufffdnoise", reason: /body is not JSON \(not JSON\)/ },
  { name: "an HTML consent page", body: readFixture("consent-page-handwritten.html"), reason: /body is not JSON \(an HTML page\): <!DOCTYPE html>/ },
  { name: "an HTML captcha page", body: readFixture("captcha-page-handwritten.html"), reason: /body is not JSON \(an HTML page\): <html><head><title>Attention Required!/ },
  { name: "a truncated answer", body: recordedQuote.slice(0, Math.floor(recordedQuote.length / 2)), reason: /body is not JSON \(truncated or malformed JSON\): \{"c":308\.82/ },
];

describe("bad provider answers", () => {
  const server = useReplayServer();
  beforeEach(async () => {
    await clearMarketKeys(["AAPL", "MSFT", "ZZZZ"]);
    useProviders({ server, keys: ["finnhub"], order: "finnhub" });
    server.on({ path: "/finnhub/stock/candle", status: 403, fixture: "finnhub/candle-D-AAPL-403-premium.json" });
  });

  for (const bad of BAD) {
    it(`refuses ${bad.name} with a logged reason and serves the shipped set, never a 500`, async () => {
      const warn = vi.spyOn(logger, "warn");
      server.on({ path: "/finnhub/quote", body: bad.body });
      await expect(finnhubProvider.quote("AAPL")).rejects.toMatchObject({ kind: "garbage", message: expect.stringMatching(bad.reason) });
      const before = await providerCallCount("finnhub", "garbage");
      const res = await stock("MSFT");
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ symbol: "MSFT", source: "shipped", historical: true });
      expect((await providerCallCount("finnhub", "garbage")) - before).toBe(1);
      expect(warn.mock.calls.some(([msg, f]) => msg === "provider call" && f?.outcome === "garbage" && bad.reason.test(String(f?.error)))).toBe(true);
      // A symbol only a live provider could serve: 503 with the error body, not 500.
      const unknown = await stock("ZZZZ");
      expect(unknown.status).toBe(503);
      expect((await unknown.json()).error.code).toBe("unavailable");
      warn.mockRestore();
    });
  }

  it("keeps serving the last good (cached) quote while the provider answers a consent page", async () => {
    // Later routes take precedence: the recorded quote answers once, then the consent page.
    server.on({ path: "/finnhub/quote", fixture: "consent-page-handwritten.html" });
    server.on({ path: "/finnhub/quote", fixture: "finnhub/quote-AAPL.json", times: 1 });
    const good = await stock("AAPL");
    expect(await good.json()).toMatchObject({ source: "finnhub", price: 308.82 });
    await expect(finnhubProvider.quote("AAPL")).rejects.toMatchObject({ kind: "garbage" });
    const again = await stock("AAPL");
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ source: "finnhub", price: 308.82, asOf: "2026-05-22T20:00:00.000Z" });
  });
});
