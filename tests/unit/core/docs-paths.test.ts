// Every file the README and docs/*.md point at exists, so the layout and the flows table stay true through
// renames. Two kinds of reference: paths from the repository root (`src/...`, `tests/...`, `inngest/...`,
// also without backticks, and `@/...` imports) and short file names in backticks (`market/memo.ts`), which
// must exist under one of the folders the docs abbreviate (the root, src/, src/server/ and its areas).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
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
      if (token.startsWith(".next/")) continue; // build output, not a file of the repository
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

/** GitHub's anchors of a page's headings (outside code blocks): lower case, punctuation dropped, spaces -> "-". */
function anchorsOf(text: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of text.split("\n")) {
    if (line.trimStart().startsWith("```")) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!m) continue;
    const slug = m[1].trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");
    const n = seen.get(slug);
    seen.set(slug, (n ?? -1) + 1);
    out.add(n === undefined ? slug : `${slug}-${n + 1}`);
  }
  return out;
}

/** Markdown links `[text](file.md#anchor)` and `(#anchor)` whose page or heading does not exist. */
function brokenLinks(pages: string[], read: (p: string) => string, exists: (p: string) => boolean): string[] {
  const anchors = new Map<string, Set<string>>();
  const anchorsFor = (p: string) => anchors.get(p) ?? anchors.set(p, anchorsOf(read(p))).get(p)!;
  return pages.flatMap((page) =>
    read(page).split("\n").flatMap((lineText, i) =>
      [...lineText.matchAll(/\]\(([^)\s]+)\)/g)].flatMap(([, target]) => {
        if (/^[a-z]+:/.test(target)) return [];
        const [path, anchor] = target.split("#");
        const file = path ? normalize(join(dirname(page), path)) : page;
        if (path && !exists(file)) return [`${page}:${i + 1} ${target}`];
        if (anchor && file.endsWith(".md") && !anchorsFor(file).has(anchor)) return [`${page}:${i + 1} ${target}`];
        return [];
      }),
    ),
  );
}

describe("paths in README.md and docs/*.md", () => {
  const refs = docs.flatMap((doc) => references(doc, readFileSync(doc, "utf8")));

  it("all exist", () => {
    expect(refs.length).toBeGreaterThan(150);
    expect(missing(refs, existsSync)).toEqual([]);
  });

  it("every link to a page and heading lands (README, CHANGELOG, docs/*.md)", () => {
    const read = (p: string) => readFileSync(p, "utf8");
    expect(brokenLinks([...docs, "CHANGELOG.md"], read, existsSync)).toEqual([]);
    const pages: Record<string, string> = {
      "docs/a.md": "# A\n\n## Flow (`src/x.ts`)\n\n```\n# not a heading\n```\n## Flow (`src/x.ts`)\n[b](b.md#gone) [ok](#flow-srcxts-1) [c](#not-a-heading)",
      "docs/b.md": "# B\n[a](a.md#flow-srcxts) [web](https://example.com/#x) [none](nowhere.md)",
    };
    expect(brokenLinks(Object.keys(pages), (p) => pages[p], (p) => p in pages)).toEqual([
      "docs/a.md:9 b.md#gone",
      "docs/a.md:9 #not-a-heading",
      "docs/b.md:2 nowhere.md",
    ]);
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
