// Imports under src/ run one way: infrastructure (src/lib) never reaches into the domain or the UI, the
// forecast engine and the market service depend on no other domain area, and predictions -> training -> registry
// (predictions -> registry too), news -> market, never back; the job handlers are bound from the top, and domain
// code imports neither them nor the Inngest SDK. Every import counts: static, type-only, re-exports and dynamic import().
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importsOf as graphImportsOf, isDeepImport, loops, loopThrough, roomOf, targetOf, type ImportEdge } from "../../support/import-graph";
import { sourceFiles, type SourceFile } from "../../support/source-files";
import { AREA_LOOPS_LEFT, DEEP_IMPORTS_LEFT, FILE_LOOPS_LEFT } from "./front-doors-left";

interface Rule {
  name: string;
  from: (file: string) => boolean;
  to: (target: string) => boolean;
}

const under = (...dirs: string[]) => (p: string) => dirs.some((d) => p === d || p.startsWith(`${d}/`));
const otherServerArea = (area: string) => (p: string) => under("src/server")(p) && !under(`src/server/${area}`)(p);

/** The engine's vocabulary: model names, volatility-model names, the backtest records and the shared types. */
const VOCABULARY = new Set(["src/server/forecast/types", "src/server/forecast/model-names", "src/server/forecast/backtest-records", "src/server/forecast/volatility/names", "src/server/forecast/vocabulary"]);

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
    from: (p) => !under("src/handlers")(p) && p !== "src/instrumentation-node.ts" && p !== "src/app/api/inngest/route.ts",
    to: under("src/handlers"),
  },
];

/** Rules on packages: the Inngest SDK stays with the queue (src/lib/queue) and the handlers that serve it. */
const PACKAGE_RULES: Rule[] = [
  { name: "domain code never imports the Inngest SDK", from: under("src/server"), to: (pkg) => /^(inngest|@inngest\/[^/]+)(\/|$)/.test(pkg) },
];

/** The code the loop rules read: src/ (the job handlers in src/handlers included); scripts/ import through front doors too. */
const LOOP_ROOTS = ["src", "inngest"];
const DEEP_ROOTS = [...LOOP_ROOTS, "scripts"];

/** Every module a source file imports, with the line it is on. */
const importsOf = (file: string, source: string) => graphImportsOf({ path: file, source }).map(({ specifier, line }) => ({ specifier, line }));

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
    expect(specs).toContain("@/lib/queue/bindings");
    expect(specs).toContain("@/lib/queue/types"); // a type-only import counts too
    expect(specs).toContain("@/server/events"); // await import(...) inside the failure hook, through the front door
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

type Exists = (p: string) => boolean;
const isSourceFile: Exists = (p) => /\.(ts|tsx|mts|mjs|js)$/.test(p) && existsSync(p);

function edgesOf(files: SourceFile[], exists: Exists = isSourceFile): ImportEdge[] {
  return files.flatMap((f) => graphImportsOf(f, exists));
}

/** `file:line imports specifier`, for every import of another area's file instead of its front door. */
function deepImports(edges: ImportEdge[]): string[] {
  return edges.filter(isDeepImport).map((e) => `${e.from} -> ${e.specifier}`);
}

const arrow = (e: { from: string; to: string }) => `${e.from} -> ${e.to}`;

/**
 * Import loops, file by file and room by room (a room: a server area, a src/lib module, src/app, src/components,
 * inngest/), every kind of import counted, after leaving out the listed remaining loop edges. Each loop is
 * named by one cycle through it.
 */
function importLoops(edges: ImportEdge[], left: { areas: string[]; files: string[] }) {
  const internal = edges.filter((e): e is ImportEdge & { to: string } => e.to !== null && !e.to.startsWith("src/generated/"));
  const rooms = internal.map((e) => ({ from: roomOf(e.from), to: roomOf(e.to) })).filter((e) => e.from !== e.to);
  const areaLeft = new Set(left.areas);
  const fileLeft = new Set(left.files);
  const describe = (es: { from: string; to: string }[]) =>
    loops(es).map((scc) => loopThrough(scc[0], es, new Set(scc)).join(" -> "));
  const roomEdges = rooms.filter((e) => !areaLeft.has(arrow(e)));
  const fileEdges = internal.filter((e) => !areaLeft.has(arrow({ from: roomOf(e.from), to: roomOf(e.to) })) && !fileLeft.has(arrow(e)));
  return {
    areaLoops: describe(roomEdges),
    fileLoops: describe(fileEdges.map(({ from, to }) => ({ from, to }))),
    // A listed edge that no longer exists is crossed off the list.
    staleAreas: left.areas.filter((a) => !rooms.some((e) => arrow(e) === a)),
    staleFiles: left.files.filter((f) => !internal.some((e) => arrow(e) === f)),
  };
}

describe("front doors and import loops", () => {
  const loopCode = LOOP_ROOTS.filter((r) => existsSync(r)).flatMap((r) => sourceFiles(r));
  const code = DEEP_ROOTS.filter((r) => existsSync(r)).flatMap((r) => sourceFiles(r));

  it("no file imports another area's file instead of its front door (src/server/<area>/index.ts)", () => {
    const found = [...new Set(deepImports(edgesOf(code)))];
    const left = new Set(DEEP_IMPORTS_LEFT);
    expect(found.filter((d) => !left.has(d)), "new deep imports: import from @/server/<area> instead").toEqual([]);
    expect(DEEP_IMPORTS_LEFT.filter((d) => !found.includes(d)), "gone: cross them off DEEP_IMPORTS_LEFT").toEqual([]);
  });

  it("no import loop between areas or files, type-only and dynamic imports included", () => {
    const found = importLoops(edgesOf(loopCode), { areas: AREA_LOOPS_LEFT, files: FILE_LOOPS_LEFT });
    expect(found.areaLoops, "area loops").toEqual([]);
    expect(found.fileLoops, "file loops").toEqual([]);
    expect(found.staleAreas, "gone: cross them off AREA_LOOPS_LEFT").toEqual([]);
    expect(found.staleFiles, "gone: cross them off FILE_LOOPS_LEFT").toEqual([]);
  });

  it("finds deep imports and loops of every kind, and names them", () => {
    const files: SourceFile[] = [
      { path: "src/server/alerts/index.ts", source: 'export { fire } from "./fire";' },
      { path: "src/server/alerts/fire.ts", source: 'import type { Event } from "@/server/events";\nexport const fire = 1;' },
      { path: "src/server/events/index.ts", source: 'export { publish } from "./publish";\nexport type Event = 1;' },
      // a dynamic import closes the loop events -> alerts -> events
      { path: "src/server/events/publish.ts", source: 'export const publish = async () => (await import("@/server/alerts/fire")).fire;' },
      { path: "src/app/page.tsx", source: 'import { fire } from "../server/alerts";\nimport { publish } from "@/server/events/publish";' },
      { path: "scripts/cli.ts", source: 'import "../src/server/alerts/fire";' },
      // a type-only loop between two files of one area
      { path: "src/server/market/a.ts", source: 'import type { B } from "./b";\nexport type A = B[];' },
      { path: "src/server/market/b.ts", source: 'import type { A } from "./a";\nexport type B = A | 1;' },
    ];
    const paths = new Set(files.map((f) => f.path));
    const edges = edgesOf(files, (p) => paths.has(p));
    expect(deepImports(edges)).toEqual([
      "src/server/events/publish.ts -> @/server/alerts/fire",
      "src/app/page.tsx -> @/server/events/publish",
      "scripts/cli.ts -> ../src/server/alerts/fire",
    ]);
    expect(importLoops(edges, { areas: [], files: [] })).toEqual({
      areaLoops: ["server/alerts -> server/events -> server/alerts"],
      fileLoops: [
        "src/server/alerts/fire.ts -> src/server/events/index.ts -> src/server/events/publish.ts -> src/server/alerts/fire.ts",
        "src/server/market/a.ts -> src/server/market/b.ts -> src/server/market/a.ts",
      ],
      staleAreas: [],
      staleFiles: [],
    });
    const listed = importLoops(edges, { areas: ["server/events -> server/alerts", "server/news -> server/market"], files: ["src/server/market/b.ts -> src/server/market/a.ts"] });
    expect(listed).toEqual({ areaLoops: [], fileLoops: [], staleAreas: ["server/news -> server/market"], staleFiles: [] });
  });
});
