// `npm start`: build once if there is no production build yet, then serve on the embedded defaults
// through scripts/serve.mjs (Next's handler behind a server that knows the real client address).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const node = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync(".next/BUILD_ID") || process.env.STOCK_HUB_REBUILD === "1") node(["node_modules/next/dist/bin/next", "build"]);
node(["scripts/serve.mjs"]);
