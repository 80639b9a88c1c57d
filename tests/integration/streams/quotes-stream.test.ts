// The quotes stream on the embedded defaults: the first event is the current quote with its source and
// as-of date (the shipped set is labelled historical, never live); bad input is a 4xx JSON error.
import { NextRequest } from "next/server";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as quotes from "@/app/api/stream/quotes/route";
import { call, setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";

let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ env: { TRUSTED_PROXY: "1" } });
});
afterAll(async () => env?.teardown());

async function firstEvent(path: string): Promise<{ res: Response; event: EventSourceMessage }> {
  const abort = new AbortController();
  const res = await quotes.GET(new NextRequest(`http://localhost:3000${path}`, { signal: abort.signal, headers: { "x-forwarded-for": "10.9.8.7" } }), { params: Promise.resolve({}) });
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e) });
  const reader = res.body!.getReader();
  while (events.length === 0) parser.feed(new TextDecoder().decode((await reader.read()).value));
  abort.abort();
  await reader.cancel();
  return { res, event: events[0] };
}

describe("GET /api/stream/quotes", () => {
  it("starts with the current quotes of the requested symbols, with source and as-of date", async () => {
    const { res, event } = await firstEvent("/api/stream/quotes?symbols=AAPL,msft");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(event.event).toBe("quotes");
    expect(event.id).toMatch(/^\d+-\d+$/);
    const data = JSON.parse(event.data) as { quotes: { symbol: string; price: number; source: string; historical: boolean; asOf: string }[] };
    expect(data.quotes.map((q) => q.symbol)).toEqual(["AAPL", "MSFT"]);
    expect(data.quotes[0]).toMatchObject({ symbol: "AAPL", price: 170.729996, source: "shipped", historical: true });
    expect(data.quotes[0].asOf.slice(0, 10)).toBe("2024-03-08");
  });

  it("answers bad input with 4xx JSON errors before opening a stream", async () => {
    const missing = await call(quotes.GET, { path: "/api/stream/quotes" });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toMatch(/symbols is required/);
    const malformed = await call(quotes.GET, { path: "/api/stream/quotes?symbols=$$$" });
    expect(malformed.status).toBe(400);
    const tooMany = await call(quotes.GET, { path: `/api/stream/quotes?symbols=${Array.from({ length: 21 }, (_, i) => `S${i}`).join(",")}` });
    expect(tooMany.status).toBe(400);
    const unknown = await call(quotes.GET, { path: "/api/stream/quotes?symbols=ZZZZZZ" });
    expect(unknown.status).toBe(404);
    expect(Object.keys(unknown.json.error).sort()).toEqual(["code", "message"]);
  });
});
