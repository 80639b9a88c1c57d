import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WORKER_LOADER } from "@/lib/workers/pool";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { dev?: boolean }> };

describe("the training workers after a production-only install", () => {
  it("load their TypeScript through a production dependency, not a devDependency", () => {
    expect(WORKER_LOADER).toBe("tsx");
    expect(pkg.dependencies[WORKER_LOADER]).toMatch(/^\^?\d/);
    expect(pkg.devDependencies[WORKER_LOADER]).toBeUndefined();
    // `npm ci --omit=dev` installs what the lock file does not mark dev: the loader and what it needs at run time.
    for (const name of [WORKER_LOADER, "esbuild", "get-tsconfig"]) expect(lock.packages[`node_modules/${name}`]?.dev, name).toBeUndefined();
    // and the check can fail: a test-only package is marked dev.
    expect(lock.packages["node_modules/vitest"]?.dev).toBe(true);
  });
});
