// Codemod: route imports of another area's files through the area's front door (src/server/<area>/index.ts).
// For each area named, every deep import of one of its files (from src/, inngest/, scripts/) is rewritten to
// `@/server/<area>` (or the relative path to the area folder, where the importer used a relative one), and the
// names it takes are added to the area's index.ts (created when missing, `import "server-only"` first when the
// area's files are server code). Re-runnable: what is already routed is left alone, names already exported
// are not added twice. Left as they are, and listed: importers under --skip folders, namespace and default
// imports, dynamic imports whose names cannot be read, value imports by client code (a client component must
// not load server code: it uses a side door, SIDE_DOORS in tests/support/import-graph.ts), and names another
// file of the area already exports under the same name.
//
//   npx tsx scripts/front-doors.ts [--write] [--skip src/server/jobs,inngest] AREA ...
//   npx tsx scripts/front-doors.ts --report [--closures]  # deep imports per area, loops, areas with an index.ts
//   npx tsx scripts/front-doors.ts --left          # the deep imports left, as tests/unit/core/front-doors-left.ts lists them
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { posix } from "node:path";
import { importsOf, isDeepImport, loops, roomOf, serverAreaOf, SIDE_DOORS, type ImportEdge } from "../tests/support/import-graph";
import { parse, sourceFiles, type SourceFile } from "../tests/support/source-files";

const ROOTS = ["src", "inngest", "scripts"];

function readCode(): SourceFile[] {
  return ROOTS.filter((r) => existsSync(r)).flatMap((r) => sourceFiles(r));
}

const isClientEntry = (f: SourceFile) => /^\s*(\/\/[^\n]*\n|\s)*["']use client["']/.test(f.source);

/** Files that run in the browser: "use client" modules and everything they load at run time. */
function clientFiles(files: SourceFile[], edges: ImportEdge[]): Set<string> {
  const out = new Set(files.filter(isClientEntry).map((f) => f.path));
  const queue = [...out];
  while (queue.length) {
    const file = queue.pop()!;
    for (const e of edges) {
      if (e.from !== file || !e.to || e.kind === "type" || out.has(e.to)) continue;
      out.add(e.to);
      queue.push(e.to);
    }
  }
  return out;
}

/** Names a dynamic import's result is read by: `const { a, b: c } = await import(...)` or `(await import(...)).a`. */
function dynamicNames(source: string, edge: ImportEdge): string[] | null {
  const before = source.slice(Math.max(0, edge.start - 200), edge.start);
  const after = source.slice(edge.end, edge.end + 200);
  const destructured = /const\s*\{([^}]*)\}\s*=\s*await\s+import\($/.exec(before);
  if (destructured) return destructured[1].split(",").map((s) => s.trim().split(/\s*:\s*/)[0]).filter(Boolean);
  if (/\(\s*await\s+import\($/.test(before)) {
    const m = /^\)\s*\)\.(\w+)/.exec(after);
    if (m) return [m[1]];
  }
  const then = /^\)\s*\.then\(\s*\(?(\w+)\)?\s*=>\s*(\w+)\.(\w+)/.exec(after);
  if (then && then[1] === then[2]) return [then[3]];
  return null;
}

interface Export {
  name: string;
  isType: boolean;
  file: string;
}

/** Names an index already exports (its own re-exports and `export *` targets' names are not expanded). */
function exportedNames(index: string): Set<string> {
  if (!existsSync(index)) return new Set();
  const { module } = parse({ path: index, source: readFileSync(index, "utf8") });
  const names = new Set<string>();
  for (const e of module.staticExports) for (const x of e.entries) if (x.exportName.name) names.add(x.exportName.name);
  return names;
}

/** Names a file exports itself or re-exports (for the `export *` lines of an index). */
function namesOf(path: string, seen = new Set<string>()): Set<string> {
  if (seen.has(path) || !existsSync(path)) return new Set();
  seen.add(path);
  const source = readFileSync(path, "utf8");
  const { module } = parse({ path, source });
  const names = new Set<string>();
  for (const e of module.staticExports)
    for (const x of e.entries) {
      if (x.exportName.name) names.add(x.exportName.name);
      else if (x.importName.kind === "AllButDefault" && x.moduleRequest) {
        const edge = importsOf({ path, source }).find((i) => i.specifier === x.moduleRequest!.value);
        if (edge?.to) for (const n of namesOf(edge.to, seen)) names.add(n);
      }
    }
  return names;
}

/** The door a file of the area is reached through: a side door that serves it, else the area's index.ts. */
function doorOf(file: string, area: string): string {
  for (const [door, d] of Object.entries(SIDE_DOORS)) if (d.serves?.includes(file)) return door;
  return `src/server/${area}/index.ts`;
}

function specifierFor(edge: ImportEdge, door: string): string {
  const dir = door.replace(/\/index\.ts$/, "").replace(/\.ts$/, "");
  if (edge.specifier.startsWith("@/")) return `@/${dir.slice("src/".length)}`;
  const rel = posix.relative(posix.dirname(edge.from), dir);
  return rel.startsWith(".") ? rel : `./${rel}`;
}

function route(area: string, opts: { write: boolean; skip: string[] }) {
  const doors = new Set([`src/server/${area}/index.ts`]);
  for (const [door, d] of Object.entries(SIDE_DOORS)) if (d.serves?.some((f) => serverAreaOf(f) === area)) doors.add(door);
  for (const door of doors) routeThrough(area, door, opts);
}

function routeThrough(area: string, index: string, opts: { write: boolean; skip: string[] }) {
  const files = readCode();
  const edges = files.flatMap((f) => importsOf(f));
  const client = clientFiles(files, edges);
  const exported = exportedNames(index);
  for (const e of readIndexStars(index)) for (const n of namesOf(e)) exported.add(n);
  const adds = new Map<string, Export>(); // name -> where it comes from
  const left: string[] = [];
  const rewrites = new Map<string, { start: number; end: number; text: string }[]>();
  for (const edge of edges) {
    if (!isDeepImport(edge) || serverAreaOf(edge.to!) !== area || doorOf(edge.to!, area) !== index) continue;
    const where = `${edge.from}:${edge.line} ${edge.specifier}`;
    if (opts.skip.some((s) => edge.from === s || edge.from.startsWith(`${s}/`))) {
      left.push(`${where} (importer skipped)`);
      continue;
    }
    const source = files.find((f) => f.path === edge.from)!.source;
    let names = edge.names;
    if (edge.kind === "dynamic") {
      const read = dynamicNames(source, edge);
      if (!read) {
        left.push(`${where} (dynamic import: names not read)`);
        continue;
      }
      names = read.map((name) => ({ name, isType: false }));
    }
    if (names.some((n) => n.name === "*" || n.name === "default")) {
      left.push(`${where} (namespace or default import)`);
      continue;
    }
    if (edge.kind !== "type" && edge.kind !== "side-effect" && client.has(edge.from) && !(index in SIDE_DOORS)) {
      left.push(`${where} (client code: a value import needs a side door)`);
      continue;
    }
    if (edge.kind === "side-effect") {
      left.push(`${where} (side-effect import)`);
      continue;
    }
    let clash = false;
    for (const n of names) {
      const prior = adds.get(n.name);
      if (prior && prior.file !== edge.to) {
        left.push(`${where} (${n.name} also comes from ${prior.file})`);
        clash = true;
      }
    }
    if (clash) continue;
    for (const n of names) {
      if (exported.has(n.name) && !adds.has(n.name)) continue;
      const prior = adds.get(n.name);
      adds.set(n.name, { name: n.name, isType: (prior?.isType ?? true) && n.isType, file: edge.to! });
    }
    const quote = source[edge.start];
    const list = rewrites.get(edge.from) ?? [];
    list.push({ start: edge.start, end: edge.end, text: `${quote}${specifierFor(edge, index)}${quote}` });
    rewrites.set(edge.from, list);
  }
  const lines = indexLines([...adds.values()], index);
  console.log(`${area} (${index}): ${[...rewrites.values()].reduce((n, l) => n + l.length, 0)} imports in ${rewrites.size} files routed, ${adds.size} names added to ${index}`);
  for (const l of left) console.log(`  left: ${l}`);
  if (!opts.write) {
    if (lines.length) console.log(lines.map((l) => `  + ${l}`).join("\n"));
    return;
  }
  if (lines.length) {
    const head = existsSync(index) ? readFileSync(index, "utf8").replace(/\n*$/, "\n") : newIndexHead(area);
    writeFileSync(index, head + lines.join("\n") + "\n");
  }
  for (const [file, list] of rewrites) {
    let source = readFileSync(file, "utf8");
    for (const r of list.sort((a, b) => b.start - a.start)) source = source.slice(0, r.start) + r.text + source.slice(r.end);
    writeFileSync(file, mergeImports(file, source, new Set(list.map((r) => r.text.slice(1, -1)))));
  }
}

/** Several `import { ... } from "<door>"` lines of one file become one (`import type` when all are types). */
function mergeImports(path: string, source: string, doors: Set<string>): string {
  const { module } = parse({ path, source });
  const groups = new Map<string, typeof module.staticImports>();
  for (const i of module.staticImports) {
    if (!doors.has(i.moduleRequest.value) || i.entries.length === 0) continue;
    if (i.entries.some((e) => e.importName.kind !== "Name")) continue;
    groups.set(i.moduleRequest.value, [...(groups.get(i.moduleRequest.value) ?? []), i]);
  }
  const edits: { start: number; end: number; text: string }[] = [];
  for (const [door, imports] of groups) {
    if (imports.length < 2) continue;
    const entries = imports.flatMap((i) => i.entries);
    const allTypes = entries.every((e) => e.isType);
    const seen = new Set<string>();
    const names = entries
      .map((e) => {
        const local = e.localName.value === e.importName.name ? e.importName.name! : `${e.importName.name} as ${e.localName.value}`;
        return allTypes || !e.isType ? local : `type ${local}`;
      })
      .filter((n) => !seen.has(n) && seen.add(n))
      .sort((a, b) => a.replace(/^type /, "").localeCompare(b.replace(/^type /, "")));
    const quote = source[imports[0].moduleRequest.start];
    edits.push({ start: imports[0].start, end: imports[0].end, text: `import ${allTypes ? "type " : ""}{ ${names.join(", ")} } from ${quote}${door}${quote};` });
    for (const i of imports.slice(1)) edits.push({ start: i.start, end: source[i.end] === "\n" ? i.end + 1 : i.end, text: "" });
  }
  for (const e of edits.sort((a, b) => b.start - a.start)) source = source.slice(0, e.start) + e.text + source.slice(e.end);
  return source;
}

function readIndexStars(index: string): string[] {
  if (!existsSync(index)) return [];
  const source = readFileSync(index, "utf8");
  return importsOf({ path: index, source })
    .filter((e) => e.kind === "reexport" && e.names.some((n) => n.name === "*") && e.to)
    .map((e) => e.to!);
}

function newIndexHead(area: string): string {
  const areaFiles = sourceFiles(`src/server/${area}`);
  const serverOnly = areaFiles.some((f) => /^import "server-only";/m.test(f.source));
  return [
    `// The ${area} area's front door: what other areas, routes, pages, jobs and scripts may use (written by`,
    "// scripts/front-doors.ts; keep it to what others import).",
    ...(serverOnly ? ['import "server-only";'] : []),
    "",
  ].join("\n");
}

/** `export { a, b } from "./x";` and `export type { T } from "./x";`, one line per file and kind. */
function indexLines(adds: Export[], index: string): string[] {
  const byFile = new Map<string, { values: string[]; types: string[] }>();
  for (const a of adds) {
    const rel = `./${posix.relative(posix.dirname(index), a.file).replace(/\.(ts|tsx|mts|mjs|js)$/, "").replace(/\/index$/, "")}`;
    const entry = byFile.get(rel) ?? { values: [], types: [] };
    (a.isType ? entry.types : entry.values).push(a.name);
    byFile.set(rel, entry);
  }
  return [...byFile.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([rel, { values, types }]) => [
      ...(values.length ? [`export { ${values.sort().join(", ")} } from "${rel}";`] : []),
      ...(types.length ? [`export type { ${types.sort().join(", ")} } from "${rel}";`] : []),
    ]);
}

function report() {
  const files = readCode();
  const edges = files.flatMap((f) => importsOf(f));
  const deep = edges.filter(isDeepImport);
  const perArea = new Map<string, number>();
  for (const e of deep) perArea.set(serverAreaOf(e.to!)!, (perArea.get(serverAreaOf(e.to!)!) ?? 0) + 1);
  const areas = [...new Set(sourceFiles("src/server").map((f) => serverAreaOf(f.path)).filter((a): a is string => a !== null))].sort();
  const withIndex = areas.filter((a) => existsSync(`src/server/${a}/index.ts`));
  const internal = edges
    .filter((e) => e.to && !e.from.startsWith("scripts/") && !e.to.startsWith("src/generated/"))
    .map((e) => ({ from: e.from, to: e.to! }));
  const fileLoops = loops(internal);
  const areaLoops = loops(internal.map((e) => ({ from: roomOf(e.from), to: roomOf(e.to) })).filter((e) => e.from !== e.to));
  console.log(`deep imports: ${deep.length} (${new Set(deep.map((e) => `${e.from} -> ${e.specifier}`)).size} distinct importer -> module)`);
  console.log(`  by area: ${[...perArea].sort((a, b) => b[1] - a[1]).map(([a, n]) => `${a} ${n}`).join(", ")}`);
  console.log(`areas with an index.ts: ${withIndex.length} of ${areas.length} (${withIndex.join(", ")})`);
  console.log(`file loops: ${fileLoops.length} (sizes ${fileLoops.map((l) => l.length).join(", ")}); area loops: ${areaLoops.length} (sizes ${areaLoops.map((l) => l.length).join(", ")})`);
  for (const l of areaLoops) console.log(`  area loop: ${l.join(", ")}`);
  if (process.argv.includes("--closures")) closures(files, edges);
}

/** Heavy code a route should load only when it needs it (a front door must not pull it in). */
const HEAVY = [/^src\/server\/forecast\//, /^src\/server\/training\/train-(pool|worker)\.ts$/, /^src\/lib\/workers\//, /^inngest\/functions\//];

/**
 * What each page and route loads at run time (static imports and re-exports, followed through every file;
 * dynamic and type-only imports not), as `entry files heavy` lines: the count of files and of heavy files.
 */
function closures(files: SourceFile[], edges: ImportEdge[]) {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.to && e.kind !== "type" && e.kind !== "dynamic") next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const entries = files.map((f) => f.path).filter((p) => /^src\/app\/.*\/(route|page|layout)\.tsx?$/.test(p) || /^src\/app\/(page|layout)\.tsx$/.test(p));
  let total = 0;
  for (const entry of entries.sort()) {
    const seen = new Set([entry]);
    const queue = [entry];
    while (queue.length) for (const n of next.get(queue.pop()!) ?? []) if (!seen.has(n)) (seen.add(n), queue.push(n));
    const heavy = [...seen].filter((p) => HEAVY.some((h) => h.test(p))).length;
    total += seen.size;
    console.log(`${entry} ${seen.size} ${heavy}`);
  }
  console.log(`entries ${entries.length}, files loaded in all ${total}`);
}

const args = process.argv.slice(2);
if (args.includes("--left")) {
  const deep = readCode().flatMap((f) => importsOf(f)).filter(isDeepImport);
  for (const d of new Set(deep.map((e) => `${e.from} -> ${e.specifier}`))) console.log(`  "${d}",`);
} else if (args.includes("--report") || args.length === 0) report();
else {
  const skipAt = args.indexOf("--skip");
  const skip = skipAt >= 0 ? args[skipAt + 1].split(",") : [];
  const areas = args.filter((a, i) => !a.startsWith("--") && i !== skipAt + 1);
  for (const area of areas) route(area, { write: args.includes("--write"), skip });
}
