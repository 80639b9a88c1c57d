// `npm start`: build once if there is no production build yet (and the training threads' bundle), then serve
// on the embedded defaults through scripts/serve.mjs (Next's handler behind a server that knows the real client address).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { buildWorkerBundle, WORKER_BUNDLE_DIR } from "./build-worker.mjs";

const node = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync(".next/BUILD_ID") || process.env.STOCK_HUB_REBUILD === "1") node(["node_modules/next/dist/bin/next", "build"]);
// The training threads' JavaScript bundle (scripts/build-worker.mjs), made for this build if it is missing.
const stamp = (path) => (existsSync(path) ? readFileSync(path, "utf8").trim() : null);
if (stamp(`${WORKER_BUNDLE_DIR}/BUILD_ID`) !== stamp(".next/BUILD_ID")) await buildWorkerBundle();
node(["scripts/serve.mjs"]);
