// The app's own source files under src/ (generated Prisma client left out), parsed with oxc (through rolldown's
// parser, the one Vite uses), for the guard tests that check how the code is wired.
import { readdirSync, readFileSync } from "node:fs";
import { parseSync, Visitor, type ESTree } from "rolldown/utils";

export interface SourceFile {
  path: string;
  source: string;
}

export function sourceFiles(dir = "src"): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return path === "src/generated" ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|mjs|js)$/.test(e.name) ? [{ path, source: readFileSync(path, "utf8") }] : [];
  });
}

export function parse({ path, source }: SourceFile) {
  const result = parseSync(path, source);
  if (result.errors.length) throw new Error(`${path} does not parse: ${result.errors[0].message}`);
  return result;
}

export const lineAt = (source: string, offset: number): number => source.slice(0, offset).split("\n").length;

/** Each `process.env` in code (comments and strings do not count), with the variable it reads when it names one. */
export function envReads(file: SourceFile): { line: number; name: string | null }[] {
  const found: { line: number; name: string | null }[] = [];
  const named = new Set<number>(); // starts of the `process.env` objects of process.env.X reads
  const isProcessEnv = (n: ESTree.Node): boolean =>
    n.type === "MemberExpression" && !n.computed && n.object.type === "Identifier" && n.object.name === "process" && n.property.type === "Identifier" && n.property.name === "env";
  new Visitor({
    // The visitor meets process.env.X before the process.env inside it.
    MemberExpression(node) {
      if (isProcessEnv(node.object)) {
        const p = node.property;
        const name = !node.computed && p.type === "Identifier" ? p.name : p.type === "Literal" && typeof p.value === "string" ? p.value : null;
        named.add(node.object.start);
        found.push({ line: lineAt(file.source, node.start), name });
      } else if (isProcessEnv(node) && !named.has(node.start)) {
        found.push({ line: lineAt(file.source, node.start), name: null }); // process.env used whole
      }
    },
  }).visit(parse(file).program);
  return found;
}
