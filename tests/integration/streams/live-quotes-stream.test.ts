// The stock page's live quote with a live provider (Finnhub, replayed from its fixture by a local server):
// the page's stream client (src/components/market/quote-stream.ts) on a standard EventSource (Node's,
// the WHATWG one browsers implement) against the real quotes route served over HTTP. The first event is
// the live quote; when the provider's quote moves, the next poll pushes it and the client hands it over.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as quotes from "@/app/api/stream/quotes/route";
import { cache } from "@/lib/cache";
import { resetServicesForTests } from "@/lib/services";
import { applyQuote, subscribeQuotes, type StreamStatus, type StreamedQuote } from "@/components/market/quote-stream";
import { KEYS } from "@/server/market/keys";
import { getStock } from "@/server/market";
import { ReplayServer } from "../../support/replay-server";
import { setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";

let env: AuthTestEnv;
let app: Server;
let base: string;
const provider = new ReplayServer();

beforeAll(async () => {
  await provider.start();
  env = await setUpAuthTestEnv({
    env: { FINNHUB_API_KEY: "test-finnhub-key", FINNHUB_BASE_URL: `${provider.url}/finnhub`, PROVIDER_ORDER: "finnhub", QUOTE_STREAM_POLL_MS: "200", TRUSTED_PROXY: "1" },
  });
  app = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const abort = new AbortController();
      res.on("close", () => abort.abort());
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await quotes.GET(new NextRequest(url, { headers, signal: abort.signal }), { params: Promise.resolve({}) });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      if (!response.body) return res.end(await response.text());
      Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
    })();
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterAll(async () => {
  app?.closeAllConnections();
  await new Promise((r) => app?.close(r));
  await provider.close();
  await env?.teardown();
});

function collect(symbol: string) {
  const got: StreamedQuote[] = [];
  const statuses: StreamStatus[] = [];
  const close = subscribeQuotes({ symbol, base, onQuote: (q) => got.push(q), onStatus: (s) => statuses.push(s) });
  const until = async (pred: () => boolean, ms = 15_000) => {
    for (const end = Date.now() + ms; !pred(); ) {
      if (Date.now() > end) throw new Error(`timed out; quotes so far: ${JSON.stringify(got)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { got, statuses, close, until };
}

describe("live quotes on the stock page's stream client", () => {
  it("runs on the standard EventSource", () => {
    expect(typeof EventSource).toBe("function");
  });

  it("gets the provider's live quote first, then the next price when the provider's quote moves", async () => {
    provider.on({ path: "/finnhub/quote", query: { symbol: "AAPL" }, fixture: "finnhub/quote-AAPL.json", times: 1 });
    provider.on({ path: "/finnhub/stock/candle", body: { s: "no_data" } });
    const s = collect("AAPL");
    try {
      await s.until(() => s.got.length >= 1);
      expect(s.got[0]).toMatchObject({ symbol: "AAPL", price: 308.82, change: 3.83, source: "finnhub", historical: false, time: "2026-05-22T20:00:00.000Z" });
      expect(s.statuses).toContain("live");

      // The provider's next quote, 5 minutes later; the cached quote expires (its TTL is minutes in real use).
      provider.on({ path: "/finnhub/quote", query: { symbol: "AAPL" }, body: { c: 309.5, d: 4.51, dp: 1.4787, h: 311.4, l: 305.84, o: 306.12, pc: 304.99, t: 1779480300 } });
      await cache.del(KEYS.quote("AAPL"));
      await resetServicesForTests({ keep: "all" });
      await s.until(() => s.got.length >= 2);
      expect(s.got[1]).toMatchObject({ symbol: "AAPL", price: 309.5, change: 4.51, changePercent: 1.4787, source: "finnhub", historical: false, time: "2026-05-22T20:05:00.000Z" });

      // What the header shows: the page's server-rendered quote with the streamed one applied.
      const shown = await getStock({ symbol: "AAPL" });
      expect(applyQuote({ ...shown, price: 308.82, time: "2026-05-22T20:00:00.000Z" }, s.got[1])).toMatchObject({ price: 309.5, change: 4.51, historical: false });
      // An older quote arriving late never replaces a newer one.
      expect(applyQuote({ ...shown, price: 309.5, time: "2026-05-22T20:05:00.000Z" }, s.got[0]).price).toBe(309.5);
    } finally {
      s.close();
    }
    expect(s.statuses.at(-1)).toBe("closed");
  });

  it("reports the stream closed when the route refuses the symbol (EventSource does not retry a 404)", async () => {
    provider.on({ path: "/finnhub/quote", query: { symbol: "ZZZZ" }, fixture: "finnhub/quote-unknown-ZZZNOTASYMBOL.json" });
    const s = collect("ZZZZ");
    try {
      await s.until(() => s.statuses.includes("closed"));
      expect(s.got).toEqual([]);
    } finally {
      s.close();
    }
  });
});
