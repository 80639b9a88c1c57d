// The import graph of the app's own code, for the dependency-direction test and the front-door codemod
// (scripts/front-doors.ts). Every import counts: static, type-only, re-exports and dynamic import().
import { existsSync, statSync } from "node:fs";
import { dirname, posix, relative, resolve } from "node:path";
import { lineAt, parse, type SourceFile } from "./source-files";

export type ImportKind = "static" | "type" | "reexport" | "dynamic" | "side-effect";

export interface ImportEdge {
  from: string;
  specifier: string;
  /** The file the specifier resolves to (repo-relative); null for packages, computed specifiers and misses. */
  to: string | null;
  kind: ImportKind;
  line: number;
  /** Offsets of the specifier's text, quotes included. */
  start: number;
  end: number;
  /** Names taken (imports) or passed on (re-exports); `*` for a namespace or `export *`, `default` for a default. */
  names: { name: string; isType: boolean }[];
}

const EXTENSIONS = [".ts", ".tsx", ".mts", ".mjs", ".js"];

/** Repo-relative path a specifier points at, before extension resolution; null for packages. */
export function targetOf(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return posix.join("src", specifier.slice(2));
  if (specifier.startsWith(".")) return relative(process.cwd(), resolve(dirname(file), specifier)).split("\\").join("/");
  return null;
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

/** The source file a repo-relative target names (`x` -> `x.ts`, `x/index.ts`, ...), or null. */
export function resolveTarget(target: string, exists: (p: string) => boolean = isFile): string | null {
  if (exists(target)) return target;
  for (const ext of EXTENSIONS) if (exists(target + ext)) return target + ext;
  for (const ext of EXTENSIONS) if (exists(`${target}/index${ext}`)) return `${target}/index${ext}`;
  return null;
}

/** Every module a source file imports, in source order. */
export function importsOf(file: SourceFile, exists?: (p: string) => boolean): ImportEdge[] {
  const { module } = parse(file);
  const { path, source } = file;
  const out: ImportEdge[] = [];
  const edge = (specifier: string, start: number, end: number, kind: ImportKind, names: ImportEdge["names"]) => {
    const target = targetOf(path, specifier);
    out.push({ from: path, specifier, to: target ? resolveTarget(target, exists) : null, kind, line: lineAt(source, start), start, end, names });
  };
  for (const i of module.staticImports) {
    const names = i.entries.map((e) => ({
      name: e.importName.kind === "Name" ? e.importName.name! : e.importName.kind === "Default" ? "default" : "*",
      isType: e.isType,
    }));
    const kind: ImportKind = names.length === 0 ? "side-effect" : names.every((n) => n.isType) ? "type" : "static";
    edge(i.moduleRequest.value, i.moduleRequest.start, i.moduleRequest.end, kind, names);
  }
  for (const e of module.staticExports) {
    const request = e.entries.find((x) => x.moduleRequest)?.moduleRequest;
    if (!request) continue;
    const names = e.entries.map((x) => ({ name: x.importName.kind === "Name" ? x.importName.name! : "*", isType: x.isType }));
    edge(request.value, request.start, request.end, names.every((n) => n.isType) ? "type" : "reexport", names);
  }
  for (const d of module.dynamicImports) {
    const text = source.slice(d.moduleRequest.start, d.moduleRequest.end);
    const literal = /^(["'`])([^"'`$]*)\1$/.exec(text);
    // import(variable) names no module this check can follow; none of src/ does that today.
    const specifier = literal ? literal[2] : `<computed: ${text}>`;
    edge(specifier, d.moduleRequest.start, d.moduleRequest.end, "dynamic", [{ name: "*", isType: false }]);
  }
  // The parser may list one import declaration twice (seen for a type-only import in a .tsx file): one edge each.
  const unique = new Map<number, ImportEdge>();
  for (const e of out) if (!unique.has(e.start)) unique.set(e.start, e);
  return [...unique.values()].sort((a, b) => a.start - b.start);
}

/** `src/server/<area>/...` -> `<area>`; anything else (src/server/route.ts included) -> null. */
export function serverAreaOf(path: string): string | null {
  const m = /^src\/server\/([^/]+)\//.exec(path);
  return m ? m[1] : null;
}

/** The room a file lives in, for the area-level graph: a server area, a lib module, the app, the components. */
export function roomOf(path: string): string {
  const area = serverAreaOf(path);
  if (area) return `server/${area}`;
  const lib = /^src\/lib\/([^/.]+)/.exec(path);
  if (lib) return `lib/${lib[1]}`;
  const top = /^src\/([^/.]+)\//.exec(path);
  if (top) return top[1];
  return path.replace(/^src\//, "").replace(/\.[^.]+$/, "").replace(/\/.*$/, "");
}

/**
 * Doors into an area besides its index.ts, each for a reason the index cannot serve: client components must not
 * load server code (the index starts with `import "server-only"`), and heavy code stays behind a small entry
 * of its own so that importing the area does not load it.
 */
export const SIDE_DOORS: Record<string, { reason: string; for: (importer: string) => boolean; serves?: string[] }> = {
  "src/server/market/types.ts": { reason: "the market vocabulary without server code: client components read RANGES", for: (p) => p.startsWith("src/components/") },
  "src/server/forecast/vocabulary.ts": {
    reason: "the engine's vocabulary (horizons, types, model names): it loads no engine code, so schemas, pages and client components read it",
    for: () => true,
    serves: ["src/server/forecast/types.ts", "src/server/forecast/model-names.ts", "src/server/forecast/backtest-records.ts", "src/server/forecast/volatility/names.ts"],
  },
  "src/server/portfolios/risk-service.ts": { reason: "the risk forecast loads the training pool and the engine: only its route imports it", for: () => true },
  "src/server/forecast/portfolio-risk/index.ts": { reason: "the portfolio risk engine, on the forecast engine's volatility plan: the training worker, the portfolios area and the bench load it, the forecast index does not", for: () => true },
  "src/server/forecast/model-list.ts": { reason: "every model (it loads them all): the app passes the list into training and serving; no engine file imports it", for: () => true },
  "src/server/forecast/models/lstm-train.ts": {
    reason: "the LSTM's training loop (its first fit loads tfjs): only the training worker imports it, statically, to hand it to the engine",
    for: (p) => p === "src/server/training/train-worker.ts",
  },
  "src/server/forecast/data.ts": { reason: "reading and cleaning a price series, without the models: the history loader and the scripts use it", for: () => true },
  "src/server/jobs/catalog.ts": {
    reason: "the job list without the queue: binding the handlers at start-up (and in the tests' setup) loads neither the queue nor the database",
    for: (p) => p === "src/handlers/index.ts",
  },
  "src/server/ledger/score.ts": { reason: "scoring the ledger reads the engine's scores: only the jobs that score load it", for: (p) => p.startsWith("src/handlers/") },
  "src/server/refresh/daily-refresh.ts": { reason: "the daily refresh's body (training, predictions): only its job loads it", for: (p) => p.startsWith("src/handlers/") },
  "src/server/operations/check-configuration.ts": { reason: "the start-up check loads the job catalog and the model list: only instrumentation runs it", for: (p) => p === "src/instrumentation-node.ts" },
};

/** An area's front door (`src/server/<area>/index.ts`), or one of its SIDE_DOORS for this importer. */
export const isFrontDoor = (path: string, importer = "") => /^src\/server\/[^/]+\/index\.tsx?$/.test(path) || (SIDE_DOORS[path]?.for(importer) ?? false);

/**
 * A deep import: a file outside area B (another area, src/app, src/components, src/lib, inngest/, scripts/)
 * importing one of B's files instead of B's front door (`@/server/B`).
 */
export function isDeepImport(e: ImportEdge): boolean {
  if (!e.to) return false;
  const target = serverAreaOf(e.to);
  return target !== null && serverAreaOf(e.from) !== target && !isFrontDoor(e.to, e.from);
}

/**
 * Strongly connected components with more than one node (or a node importing itself): each is at least one
 * import loop. Tarjan's algorithm, iterative; components and their members in a stable order.
 */
export function loops(edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    if (!next.has(to)) next.set(to, []);
    next.get(from)!.push(to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of [...next.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const succ = next.get(top.node)!;
      if (top.i < succ.length) {
        const w = succ[top.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== top.node);
        if (scc.length > 1 || succ.includes(top.node)) out.push(scc.sort());
      }
    }
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** One shortest loop through `start` inside a component, as `a -> b -> ... -> a`, to name in a failure. */
export function loopThrough(start: string, edges: { from: string; to: string }[], members: Set<string>): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const node = queue.shift()!;
    for (const e of edges) {
      if (e.from !== node || !members.has(e.to)) continue;
      if (e.to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(prev.get(path[0])!);
        return [...path, start];
      }
      if (!seen.has(e.to)) {
        seen.add(e.to);
        prev.set(e.to, node);
        queue.push(e.to);
      }
    }
  }
  return [start];
}
