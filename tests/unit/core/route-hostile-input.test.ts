// What a hostile or careless API client sends the route wrapper, and the clear 400 it gets back: a query
// parameter sent twice is refused (it used to keep the last one silently, so ?symbols=AAPL&symbols=MSFT
// answered MSFT alone), and zod's wording ("body: Invalid input: expected object, received array") is said in
// words a person reads.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRoute } from "@/lib/route";

const route = createRoute<{ role: "user" }>({ resolvePrincipal: async () => null, rateLimit: async () => ({}) });
const echo = route(
  {
    name: "/t/echo",
    query: z.object({ symbols: z.string().optional(), limit: z.coerce.number().int().min(1).max(50).optional() }),
    body: z.discriminatedUnion("type", [z.object({ type: z.literal("above"), price: z.number() }), z.object({ type: z.literal("below"), price: z.number() })]),
  },
  async ({ query, body }) => ({ query, body }),
);
const send = async (path: string, body: string) => {
  const r = await echo(new NextRequest(`http://localhost${path}`, { method: "POST", body, headers: { "content-type": "application/json" } }));
  return { status: r.status, json: await r.json() };
};
const good = JSON.stringify({ type: "above", price: 1 });

describe("the route wrapper and a hostile client", () => {
  it("refuses a query parameter sent more than once, naming it", async () => {
    expect(await send("/t/echo?symbols=AAPL&symbols=MSFT", good)).toEqual({
      status: 400,
      json: { error: { code: "bad_request", message: "symbols: given more than once; send it once (a list is one comma-separated value)" } },
    });
    expect(await send("/t/echo?symbols=AAPL,MSFT&limit=5", good)).toEqual({ status: 200, json: { query: { symbols: "AAPL,MSFT", limit: 5 }, body: { type: "above", price: 1 } } });
  });

  it("says a body that is JSON but not an object is not one, without a validation path", async () => {
    for (const body of ["[]", "null", '"x"', "42"]) {
      expect(await send("/t/echo", body)).toEqual({ status: 400, json: { error: { code: "bad_request", message: "The request body must be a JSON object" } } });
    }
  });

  it("says what a field must be instead of zod's wording", async () => {
    const message = async (path: string, body: string) => (await send(path, body)).json.error.message;
    for (const limit of ["NaN", "abc", "1e309", "true"]) expect(await message(`/t/echo?limit=${limit}`, good)).toBe("limit: must be a number");
    expect(await message("/t/echo?limit=1.5", good)).toBe("limit: must be a whole number");
    expect(await message("/t/echo", JSON.stringify({ type: "sideways", price: 1 }))).toBe("type: must be one of above, below");
    expect(await message("/t/echo", JSON.stringify({ type: "above", price: "1" }))).toBe("price: must be a number");
    expect(await message("/t/echo?limit=0", good)).toBe("limit: must be at least 1");
    expect(await message("/t/echo?limit=51", good)).toBe("limit: must be at most 50");
    expect(await message("/t/echo?limit=-1", good)).toBe("limit: must be at least 1");
  });

  it("says the choices and lengths of other fields in words too", async () => {
    const strict = route(
      { name: "/t/strict", query: z.object({ horizon: z.enum(["1d", "2d", "1w"]).optional(), q: z.string().min(1).max(5).optional(), n: z.coerce.number().gt(0).optional() }) },
      async ({ query }) => query,
    );
    const message = async (path: string) => (await (await strict(new NextRequest(`http://localhost${path}`))).json()).error.message;
    expect(await message("/t/strict?horizon=3d")).toBe("horizon: must be one of 1d, 2d, 1w");
    expect(await message("/t/strict?q=")).toBe("q: must have at least 1 character");
    expect(await message("/t/strict?q=toolong")).toBe("q: must have at most 5 characters");
    expect(await message("/t/strict?n=0")).toBe("n: must be greater than 0");
  });
});
