// Every file the README and docs/*.md point at exists, so the layout and the flows table stay true through
// renames. Two kinds of reference: paths from the repository root (`src/...`, `tests/...`, `inngest/...`,
// also without backticks, and `@/...` imports) and short file names in backticks (`market/memo.ts`), which
// must exist under one of the folders the docs abbreviate (the root, src/, src/server/ and its areas).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["src", "tests", "scripts", "inngest", "prisma", "docs", "public", ".ci"];
const SHORT_BASES = ["", "src", "src/components", "src/server", "src/server/forecast", "src/server/market", "src/server/training", "src/server/predictions"];
const FILE_EXT = /\.(ts|tsx|mjs|json|md|sql|py|R|csv|prisma)$/;
const SEGMENTS = /^[\w.@[\]{},-]+(\/[\w.@[\]{},-]+)*\/?$/;

/** `a/{b,c}.ts` -> `a/b.ts`, `a/c.ts`; a brace without a comma is a placeholder (`{SYMBOL}`): no file. */
function expand(path: string): string[] {
  const m = /\{([^{}]*)\}/.exec(path);
  if (!m) return [path];
  if (!m[1].includes(",")) return [];
  return m[1].split(",").flatMap((alt) => expand(path.slice(0, m.index) + alt + path.slice(m.index + m[0].length)));
}

interface Reference {
  doc: string;
  line: number;
  path: string;
  /** Folders the path may be relative to. */
  bases: string[];
}

function references(doc: string, text: string): Reference[] {
  const out: Reference[] = [];
  text.split("\n").forEach((lineText, i) => {
    const line = i + 1;
    // Root paths anywhere on the line (code blocks and prose too); a glob (`framework-*.test.ts`) is not a path.
    for (const m of lineText.matchAll(/(?<![\w./@-])(?:src|tests|scripts|inngest|prisma)\/[\w./[\]{},*-]*[\w\]}/*]/g)) {
      if (!m[0].includes("*")) out.push({ doc, line, path: m[0], bases: [""] });
    }
    for (const m of lineText.matchAll(/`([^`\s]+)`/g)) {
      const token = m[1].replace(/#.*$/, "");
      if (token.startsWith("@/") && SEGMENTS.test(token.slice(2))) {
        out.push({ doc, line, path: `src/${token.slice(2)}`, bases: [""] });
        continue;
      }
      if (!SEGMENTS.test(token) || !token.includes("/") || /[*<>$]/.test(token)) continue;
      if (ROOTS.some((r) => token.startsWith(`${r}/`))) continue; // found by the root pattern above
      if (!FILE_EXT.test(token)) continue; // event names, provider endpoints, storage keys
      if (/^(models|predictions)\/\{/.test(token)) continue;
      out.push({ doc, line, path: token, bases: SHORT_BASES });
    }
  });
  return out;
}

function missing(refs: Reference[], exists: (p: string) => boolean): string[] {
  return refs.flatMap((r) =>
    expand(r.path)
      .filter((p) => !r.bases.some((b) => exists(b ? join(b, p) : p)))
      .map((p) => `${r.doc}:${r.line} ${p}`),
  );
}

const docs = ["README.md", ...readdirSync("docs").filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

describe("paths in README.md and docs/*.md", () => {
  const refs = docs.flatMap((doc) => references(doc, readFileSync(doc, "utf8")));

  it("all exist", () => {
    expect(refs.length).toBeGreaterThan(150);
    expect(missing(refs, existsSync)).toEqual([]);
  });

  it("the flows table names the files of each flow", () => {
    const flows = refs.filter((r) => r.doc === "README.md").map((r) => r.path);
    for (const p of ["src/app/api/predictions/[symbol]/route.ts", "src/app/api/train/route.ts", "training/train-symbol.ts", "src/lib/queue", "src/lib/workers/pool.ts", "forecast/serve.ts"]) {
      expect(flows).toContain(p);
    }
  });

  it("reports a renamed file with its document and line, in every form", () => {
    const text = [
      "| flow | `src/server/predictions/cache-key.ts` -> `registry/catalog.ts` |",
      "see src/lib/queue/nowhere.ts. And `predictions/gone.ts`, `market/providers/{finnhub,fax}.ts`, tests/unit/x-*.test.ts",
      "`models/{model}/{version}/{SYMBOL}.json` is a storage key; `predictions/forecast.requested` an event; `@/lib/nope`",
    ].join("\n");
    expect(missing(references("README.md", text), existsSync)).toEqual([
      "README.md:1 src/server/predictions/cache-key.ts",
      "README.md:2 src/lib/queue/nowhere.ts",
      "README.md:2 predictions/gone.ts",
      "README.md:2 market/providers/fax.ts",
      "README.md:3 src/lib/nope",
    ]);
  });
});
