// A page address with bad percent-encoding is refused by the request proxy with a 400 page in words (Next
// itself fails decoding a dynamic segment such as /stock/%FF with a plain-text 500); good addresses pass.
import { NextRequest, type NextFetchEvent } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const event = {} as NextFetchEvent;
const run = (path: string) => proxy(new NextRequest(`http://localhost${path}`) as Parameters<typeof proxy>[0], event) as Response;

describe("request proxy: page paths", () => {
  it("answers /stock/%FF and other undecodable page paths with a 400 HTML page", async () => {
    for (const path of ["/stock/%FF", "/stock/%C0%AF", "/%E0%A4", "/predict/%FF"]) {
      const res = run(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toContain("This address is not valid");
    }
  });

  it("lets valid page paths through, percent-encoded ones included", () => {
    for (const path of ["/stock/AAPL", "/stock/%41APL", "/news?symbol=%FF", "/"]) {
      expect(run(path).headers.get("x-middleware-next"), path).toBe("1");
    }
  });
});
