// Bundles the training pool's worker entry (src/server/training/train-worker.ts) into plain JavaScript
// after `next build`, so the production server's threads start without compiling TypeScript through tsx.
// Packages stay external (loaded from node_modules as usual, so tfjs finds its .wasm files); the bundle is
// stamped with the build id it belongs to, and the pool uses it only while that id is the current build's
// (src/server/training/worker-entry.ts).
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const WORKER_BUNDLE_DIR = ".next/worker";

/** Writes `${dir}/train-worker.mjs` and its stamp; dir must sit inside the project (packages resolve from it). */
export async function buildWorkerBundle({ dir = WORKER_BUNDLE_DIR, buildId = readFileSync(".next/BUILD_ID", "utf8").trim() } = {}) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: ["src/server/training/train-worker.ts"],
    outfile: `${dir}/train-worker.mjs`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    conditions: ["react-server"],
    tsconfig: "tsconfig.json",
    sourcemap: true,
    logLevel: "warning",
  });
  writeFileSync(`${dir}/BUILD_ID`, buildId);
}

const stamp = (path) => (existsSync(path) ? readFileSync(path, "utf8").trim() : null);

/** Builds the bundle when the production build has none of its own (a bare `next build`); scripts/serve.mjs calls it. */
export async function ensureWorkerBundle() {
  const buildId = stamp(".next/BUILD_ID");
  if (buildId && stamp(`${WORKER_BUNDLE_DIR}/BUILD_ID`) !== buildId) await buildWorkerBundle({ buildId });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildWorkerBundle();
