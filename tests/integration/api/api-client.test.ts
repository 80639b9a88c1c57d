// The typed client in packages/api-client: regenerating it from the app's own OpenAPI document changes
// nothing (CI's "is it up to date" check), and it compiles on its own with the generated types being specific.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), "stock-hub-client-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** tsc's diagnostics for a project; "" when it compiles. */
async function tsc(project: string): Promise<string> {
  try {
    await run("node_modules/.bin/tsc", ["-p", project], { timeout: 120_000 });
    return "";
  } catch (err) {
    return (err as { stdout?: string }).stdout || String(err);
  }
}

describe("the typed API client", () => {
  it("is what `npm run client:generate` writes from the current OpenAPI document", async () => {
    const { stdout } = await run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/client/generate.ts", "--out", out], { timeout: 120_000 });
    expect(stdout).toContain(`wrote ${join(out, "schema.ts")}`);
    const fresh = readFileSync(join(out, "schema.ts"), "utf8");
    const checkedIn = readFileSync("packages/api-client/schema.ts", "utf8");
    // Real operations are in it.
    expect(fresh).toContain('"/api/stock/{symbol}": {');
    expect(fresh).toMatch(/getApiStockBySymbol: \{/);
    if (fresh !== checkedIn) throw new Error("packages/api-client/schema.ts is out of date with the API: run `npm run client:generate` and commit the result");
  }, 120_000);

  it("compiles on its own (tsc, strict), and a wrong path, parameter or body is a type error", async () => {
    expect(await tsc("packages/api-client/tsconfig.json")).toBe("");
    // tests/support/api-client-usage.ts: typed calls, and @ts-expect-error lines that fail if the types were loose.
    expect(await tsc("tests/support/api-client-tsconfig.json")).toBe("");
  }, 120_000);
});
