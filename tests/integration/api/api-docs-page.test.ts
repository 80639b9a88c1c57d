// /docs renders the API reference from the app's own assets: the page loads Scalar from /docs/scalar.js
// and the document from /api/openapi.json, and names no other origin.
import { describe, expect, it } from "vitest";
import * as docs from "@/app/docs/route";
import * as bundle from "@/app/docs/scalar.js/route";

describe("/docs", () => {
  it("is an HTML page whose only script and data sources are same-origin", async () => {
    const res = docs.GET();
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain('<script src="/docs/scalar.js"></script>');
    expect(html).toContain('"url":"/api/openapi.json"');
    expect(html).toContain('"withDefaultFonts":false');
    expect(html.match(/https?:\/\/[^\s"'<>]+/g) ?? []).toEqual([]);
  });

  it("serves the installed Scalar standalone bundle as JavaScript", async () => {
    const res = await bundle.GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    const js = await res.text();
    expect(js.length).toBeGreaterThan(1_000_000);
    expect(js).toContain("createApiReference");
  });
});
