// Next compiles the start-up hook for the edge runtime too, and warned on every build ("A Node.js API is used
// (process.exit ...) which is not supported in the Edge Runtime ... Ecmascript file had an error", shown by
// `npm start` to every newcomer) while the hook itself called process.exit and process.stderr. The hook now only
// imports the Node.js start-up inside the NEXT_RUNTIME branch the edge build drops.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const hook = readFileSync("src/instrumentation.ts", "utf8").replace(/^\s*\/\/.*$/gm, "");

describe("the start-up hook as the edge build sees it", () => {
  it("uses no Node.js API but process.env.NEXT_RUNTIME, and imports nothing at the top", () => {
    expect(hook.match(/process\.[A-Za-z]+(\.[A-Za-z_]+)?/g)).toEqual(["process.env.NEXT_RUNTIME"]);
    expect(hook).not.toMatch(/^\s*import\s/m);
  });

  it("loads the Node.js start-up only inside the nodejs branch", () => {
    expect(hook).toMatch(/if \(process\.env\.NEXT_RUNTIME === "nodejs"\) await \(await import\("\.\/instrumentation-node"\)\)\.registerNode\(\);/);
    const node = readFileSync("src/instrumentation-node.ts", "utf8");
    expect(node).toContain("process.exit(1)");
    expect(node).toContain("export async function registerNode()");
  });
});
