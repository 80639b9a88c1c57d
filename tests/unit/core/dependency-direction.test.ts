// Imports under src/ run one way: infrastructure (src/lib) never reaches into the domain or the UI, the
// forecast engine and the market service depend on no other domain area, and predictions -> training -> registry
// (predictions -> registry too), news -> market, never back; the job handlers are bound from the top, and domain
// code imports neither them nor the Inngest SDK. Every import counts: static, type-only, re-exports and dynamic import().
import { dirname, posix, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { lineAt, parse, sourceFiles } from "../../support/source-files";

interface Rule {
  name: string;
  from: (file: string) => boolean;
  to: (target: string) => boolean;
}

const under = (...dirs: string[]) => (p: string) => dirs.some((d) => p === d || p.startsWith(`${d}/`));
const otherServerArea = (area: string) => (p: string) => under("src/server")(p) && !under(`src/server/${area}`)(p);

/** The engine's vocabulary: model names, volatility-model names, the backtest records and the shared types. */
const VOCABULARY = new Set(["src/server/forecast/types", "src/server/forecast/model-names", "src/server/forecast/backtest-records", "src/server/forecast/volatility/names"]);

const RULES: Rule[] = [
  { name: "src/lib is infrastructure: it never imports src/server, src/app, src/components or src/handlers", from: under("src/lib"), to: under("src/server", "src/app", "src/components", "src/handlers") },
  { name: "src/server never imports pages or components", from: under("src/server"), to: under("src/app", "src/components") },
  { name: "the forecast engine imports no other domain area", from: under("src/server/forecast"), to: otherServerArea("forecast") },
  { name: "the market service imports no other domain area (news -> market, never back)", from: under("src/server/market"), to: otherServerArea("market") },
  { name: "training never imports predictions (predictions -> training)", from: under("src/server/training"), to: under("src/server/predictions") },
  { name: "the model registry never imports predictions or training (predictions -> registry, training -> registry)", from: under("src/server/registry"), to: under("src/server/predictions", "src/server/training") },
  { name: "price history reads the market for the engine, nothing else", from: under("src/server/price-history"), to: (p) => otherServerArea("price-history")(p) && !under("src/server/market", "src/server/forecast")(p) },
  {
    name: "the engine never imports its model list: the app passes the list into training and serving",
    from: (p) => under("src/server/forecast")(p) && p !== "src/server/forecast/model-list.ts",
    to: (p) => p.replace(/\.ts$/, "") === "src/server/forecast/model-list",
  },
  { name: "the forecast vocabulary is a leaf: it imports nothing but itself", from: (p) => VOCABULARY.has(p.replace(/\.ts$/, "")), to: (p) => !VOCABULARY.has(p.replace(/\.ts$/, "")) },
  { name: "the job catalog and queue import no other domain area (every area enqueues through them)", from: under("src/server/jobs"), to: otherServerArea("jobs") },
  {
    name: "the job handlers (src/handlers) are imported only by the start-up hook and the /api/inngest route",
    from: (p) => !under("src/handlers")(p) && p !== "src/instrumentation.ts" && p !== "src/app/api/inngest/route.ts",
    to: under("src/handlers"),
  },
];

/** Rules on packages: the Inngest SDK stays with the queue (src/lib/queue) and the handlers that serve it. */
const PACKAGE_RULES: Rule[] = [
  { name: "domain code never imports the Inngest SDK", from: under("src/server"), to: (pkg) => /^(inngest|@inngest\/[^/]+)(\/|$)/.test(pkg) },
];

interface Import {
  specifier: string;
  line: number;
}

/** Every module a source file imports, with the line it is on. */
function importsOf(file: string, source: string): Import[] {
  const { module } = parse({ path: file, source });
  const out: Import[] = [];
  for (const i of module.staticImports) out.push({ specifier: i.moduleRequest.value, line: lineAt(source, i.start) });
  for (const e of module.staticExports)
    for (const entry of e.entries) if (entry.moduleRequest) out.push({ specifier: entry.moduleRequest.value, line: lineAt(source, entry.moduleRequest.start) });
  for (const d of module.dynamicImports) {
    const literal = /^(["'`])([^"'`$]*)\1$/.exec(source.slice(d.moduleRequest.start, d.moduleRequest.end));
    // import(variable) names no module this check can follow; none of src/ does that today.
    out.push({ specifier: literal ? literal[2] : `<computed: ${source.slice(d.moduleRequest.start, d.moduleRequest.end)}>`, line: lineAt(source, d.start) });
  }
  return out;
}

/** Repo-relative path a specifier points at; null for packages. */
function targetOf(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return posix.join("src", specifier.slice(2));
  if (specifier.startsWith(".")) return relative(process.cwd(), resolve(dirname(file), specifier)).split("\\").join("/");
  return null;
}

function violations(files: { path: string; source: string }[]): string[] {
  const found: string[] = [];
  for (const { path, source } of files) {
    for (const { specifier, line } of importsOf(path, source).sort((a, b) => a.line - b.line)) {
      if (specifier.startsWith("<computed")) {
        found.push(`${path}:${line} imports ${specifier}: dynamic imports must name their module`);
        continue;
      }
      const target = targetOf(path, specifier);
      if (!target) {
        for (const rule of PACKAGE_RULES) if (rule.from(path) && rule.to(specifier)) found.push(`${path}:${line} imports ${specifier}: ${rule.name}`);
        continue;
      }
      for (const rule of RULES) if (rule.from(path) && rule.to(target)) found.push(`${path}:${line} imports ${specifier}: ${rule.name}`);
    }
  }
  return found;
}

describe("dependency direction under src/", () => {
  const files = sourceFiles("src");

  it("no file imports against the layering", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(violations(files)).toEqual([]);
  });

  it("reads the real imports, dynamic ones included", () => {
    const handlers = files.find((f) => f.path === "src/handlers/index.ts")!;
    const specs = importsOf(handlers.path, handlers.source).map((i) => i.specifier);
    expect(specs).toContain("@/lib/queue");
    expect(specs).toContain("@/server/events/job-failed"); // await import(...) inside the failure hook
    expect(specs).toContain("./compute-prediction"); // a handler, imported on its job's first run
    expect(targetOf(handlers.path, "./compute-prediction")).toBe("src/handlers/compute-prediction");
  });

  it("names the file and line of each offending import, whatever its form", () => {
    const found = violations([
      {
        path: "src/lib/queue/store.ts",
        source: [
          'import type { PrismaClient } from "@/generated/prisma/client";',
          "// import { announceJobFailure } from \"@/server/events/job-failed\"; (a comment is no import)",
          'const text = "import x from \\"@/server/jobs\\"";',
          'export async function hook() { return (await import("@/server/events/job-failed")).announceJobFailure; }',
          'import { queue } from "../../server/jobs";',
        ].join("\n"),
      },
      { path: "src/server/training/train-symbol.ts", source: 'import "server-only";\nexport { predictionCacheKey } from "@/server/predictions/cache-key";' },
      { path: "src/server/market/index.ts", source: 'export * from "./types";\nexport { getNews } from "../news";' },
      { path: "src/server/forecast/serve.ts", source: 'import type { VersionView } from "@/server/registry/catalog";\nconst name = "x";\nexport const load = () => import(`@/server/${name}`);' },
      { path: "src/server/news/index.ts", source: 'import { memo } from "@/server/market/memo";' },
      { path: "src/server/predictions/compute.ts", source: 'import { loadArtifactOf } from "@/server/registry/catalog";' },
      { path: "src/server/registry/register.ts", source: 'import type { VersionView } from "@/server/predictions/types";' },
      { path: "src/server/forecast/types.ts", source: 'import type { ModelName } from "./model-list";\nimport type { HorizonKey } from "./model-names";' },
      { path: "src/server/predictions/get-prediction.ts", source: 'import type { computePrediction } from "@/handlers/compute-prediction";\nimport { NonRetriableError } from "inngest";' },
      { path: "src/app/api/jobs/[id]/route.ts", source: 'export const load = () => import("../../../../handlers");' },
      { path: "src/app/api/inngest/route.ts", source: 'import { inngestHandlers } from "@/handlers/serve";' },
      { path: "src/server/jobs/index.ts", source: 'export const onFailed = async () => (await import("@/server/events/job-failed")).announceJobFailure;' },
    ]);
    expect(found).toEqual([
      "src/lib/queue/store.ts:4 imports @/server/events/job-failed: src/lib is infrastructure: it never imports src/server, src/app, src/components or src/handlers",
      "src/lib/queue/store.ts:5 imports ../../server/jobs: src/lib is infrastructure: it never imports src/server, src/app, src/components or src/handlers",
      "src/server/training/train-symbol.ts:2 imports @/server/predictions/cache-key: training never imports predictions (predictions -> training)",
      "src/server/market/index.ts:2 imports ../news: the market service imports no other domain area (news -> market, never back)",
      "src/server/forecast/serve.ts:1 imports @/server/registry/catalog: the forecast engine imports no other domain area",
      "src/server/forecast/serve.ts:3 imports <computed: `@/server/${name}`>: dynamic imports must name their module",
      "src/server/registry/register.ts:1 imports @/server/predictions/types: the model registry never imports predictions or training (predictions -> registry, training -> registry)",
      "src/server/forecast/types.ts:1 imports ./model-list: the engine never imports its model list: the app passes the list into training and serving",
      "src/server/forecast/types.ts:1 imports ./model-list: the forecast vocabulary is a leaf: it imports nothing but itself",
      "src/server/predictions/get-prediction.ts:1 imports @/handlers/compute-prediction: the job handlers (src/handlers) are imported only by the start-up hook and the /api/inngest route",
      "src/server/predictions/get-prediction.ts:2 imports inngest: domain code never imports the Inngest SDK",
      "src/app/api/jobs/[id]/route.ts:1 imports ../../../../handlers: the job handlers (src/handlers) are imported only by the start-up hook and the /api/inngest route",
      "src/server/jobs/index.ts:1 imports @/server/events/job-failed: the job catalog and queue import no other domain area (every area enqueues through them)",
    ]);
  });
});
