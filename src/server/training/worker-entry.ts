import "server-only";
// The file the training pool's threads load. The production server (`npm run build` / `npm start`) runs the
// JavaScript bundle scripts/build-worker.mjs makes of train-worker.ts after `next build`: a thread then
// starts without compiling the engine's TypeScript through tsx. The bundle is used only while it was built
// with the current build (its BUILD_ID stamp; scripts/serve.mjs makes it at start when missing); otherwise
// (dev server, tests, CLI) the threads load the TypeScript source through tsx.
import { existsSync, readFileSync } from "node:fs";
import { getEnv } from "@/env";

const read = (path: string) => {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return null;
  }
};

export function workerEntry({ root = process.cwd(), production = getEnv().NODE_ENV === "production" } = {}): string {
  const source = `${root}/src/server/training/train-worker.ts`;
  if (!production) return source;
  const bundle = `${root}/.next/worker/train-worker.mjs`;
  const buildId = read(`${root}/.next/BUILD_ID`);
  return buildId && existsSync(bundle) && read(`${root}/.next/worker/BUILD_ID`) === buildId ? bundle : source;
}
