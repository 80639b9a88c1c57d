// The document as /docs (Scalar) uses it: every path and query parameter has an example, groups come in
// reading order (market first, admin last) and each once, and a real validator accepts it with no errors.
import SwaggerParser from "@apidevtools/swagger-parser";
import { beforeAll, describe, expect, it } from "vitest";
import * as docs from "@/app/docs/route";
import { loadDocument, type OpenApiDoc } from "../../support/openapi-doc";

let doc: OpenApiDoc & { tags: { name: string }[] };
beforeAll(async () => {
  doc = (await loadDocument()) as typeof doc;
});

describe("the OpenAPI document as shipped", () => {
  it("gives every path and query parameter an example", () => {
    const missing: string[] = [];
    let count = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const p of (op.parameters ?? []) as { name: string; in: string; example?: unknown }[]) {
          if (p.in !== "path" && p.in !== "query") continue;
          count++;
          if (p.example === undefined) missing.push(`${method} ${path} ${p.in} ${p.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(count).toBeGreaterThan(40);
    expect(doc.paths["/api/stock/{symbol}"].get.parameters[0]).toMatchObject({ name: "symbol", in: "path", example: "AAPL" });
    expect(doc.paths["/api/tickers/search"].get.parameters.find((p: { name: string }) => p.name === "q").example).toBe("apple");
  });

  it("lists market data first and admin last, each group once, and tags only with listed groups", () => {
    const names = doc.tags.map((t) => t.name);
    expect(names[0]).toBe("Market data");
    expect(names.at(-1)).toBe("Admin");
    expect(new Set(names).size).toBe(names.length);
    // Scalar has its own "Models" (schemas) and "Webhooks" sections: a tag with either name showed twice.
    expect(names).not.toContain("Models");
    expect(names).not.toContain("Webhooks");
    const used = new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags as string[])));
    expect([...used].sort()).toEqual([...names].sort());
  });

  it("passes swagger-parser's validation with no errors", async () => {
    const copy = structuredClone(doc);
    await expect(SwaggerParser.validate(copy as never)).resolves.toBeTruthy();
  });

  it("links back to the app from /docs", async () => {
    const html = await docs.GET().text();
    expect(html).toContain('<a class="back" href="/">');
    expect(doc.info.description).toContain("[Stock Hub](/)");
  });
});
