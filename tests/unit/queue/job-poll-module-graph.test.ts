import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Follows the static (value) imports of a module, as the server would load them: `import type` and
// dynamic `import()` are skipped. Resolves "@/..." and relative paths; packages are recorded by name.
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const resolveFile = (base: string): string | null => {
    for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) if (existsSync(c) && statSync(c).isFile()) return c;
    return null;
  };
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const src = readFileSync(file, "utf8");
    const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;
    for (const m of src.matchAll(re)) {
      const spec = m[1];
      if (spec.startsWith("@/")) visit(resolveFile(resolve("src", spec.slice(2)))!);
      else if (spec.startsWith(".")) visit(resolveFile(resolve(dirname(file), spec))!);
      else packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
    }
  };
  visit(resolve(entry));
  return { files, packages };
}

describe("GET /api/jobs/{id} module graph", () => {
  it("loads no job handler, forecast or training code and not the Inngest SDK", () => {
    const { files, packages } = staticGraph("src/app/api/jobs/[id]/route.ts");
    const rel = [...files].map((f) => f.slice(process.cwd().length + 1));
    // Before the queue received its jobs, this route reached ~108 modules, 37 of them forecast files.
    expect(rel).toContain("src/lib/queue/runner.ts");
    expect(rel).toContain("src/server/jobs/catalog.ts");
    expect(rel.filter((f) => /^src\/server\/(forecast|training|predictions)\/|^src\/handlers\/|^src\/lib\/queue\/inngest-client/.test(f))).toEqual([]);
    expect(packages.has("inngest")).toBe(false);
    expect(packages.has("@tensorflow/tfjs")).toBe(false);
  });
});
