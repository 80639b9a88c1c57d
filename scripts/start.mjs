// `npm start`: build once if there is no production build yet, then serve on the embedded defaults.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (args) => {
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", ...args], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync(".next/BUILD_ID") || process.env.STOCK_HUB_REBUILD === "1") run(["build"]);
run(["start", "-p", process.env.PORT ?? "3000"]);
