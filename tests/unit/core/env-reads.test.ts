// Configuration is read in one place: src/env.ts parses process.env with zod and everything else asks it.
// The one exception is Next's instrumentation hook, which also runs in the edge runtime where src/env.ts cannot
// load, and reads only NEXT_RUNTIME (set by Next itself).
import { describe, expect, it } from "vitest";
import { envReads, sourceFiles } from "../../support/source-files";

const ALLOWED = ["src/instrumentation.ts NEXT_RUNTIME"];

describe("process.env under src/", () => {
  const files = sourceFiles("src").filter((f) => f.path !== "src/env.ts");

  it("is read only by src/env.ts, and by the instrumentation hook for NEXT_RUNTIME", () => {
    const reads = files.flatMap((f) => envReads(f).map((r) => `${f.path}:${r.line} ${r.name ?? "(all of process.env)"}`));
    expect(reads.map((r) => r.replace(/:\d+ /, " "))).toEqual(ALLOWED);
  });

  it("finds every form of read and ignores comments and strings", () => {
    const source = [
      "// process.env.IN_A_COMMENT",
      'const s = "process.env.IN_A_STRING";',
      "const a = process.env.DIRECT;",
      'const b = process.env["BRACKETS"];',
      "const { C } = process.env;",
      "const d = process.env.D ?? process.env.E;",
    ].join("\n");
    expect(envReads({ path: "src/x.ts", source })).toEqual([
      { line: 3, name: "DIRECT" },
      { line: 4, name: "BRACKETS" },
      { line: 5, name: null },
      { line: 6, name: "D" },
      { line: 6, name: "E" },
    ]);
  });
});
