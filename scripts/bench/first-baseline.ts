// Where the first baseline after a fresh start goes: a fresh production server as `npm start` runs it
// (embedded defaults, fresh data folder, first-start warm-up on), a person's GET of a symbol never trained
// 5 s after the start and then of four more, each timed on the client; then the server log's own timings of
// the same minutes (worker warm-up, baseline trainings, the requests). Lighter than bench:serving (no full
// training, no load generator). Usage: npx tsx scripts/bench/first-baseline.ts [--at <ms after start, 5000>]
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, sleep, startAndWait, stopServer } from "./app-server";
import { newUser } from "./newcomer";

const at = Number(process.argv[process.argv.indexOf("--at") + 1] || 5000);
const SYMBOLS = ["ORCL", "ADBE", "CRM", "INTC", "DIS"];
const startedAt = performance.now();
const dataDir = mkdtempSync(join(tmpdir(), "bench-first-baseline-"));
cpSync("data", join(dataDir, "market"), { recursive: true });
const env = { DATA_DIR: dataDir, ADMIN_API_KEY: "first-baseline-bench-key-0123456789", MARKET_DATA_DIR: join(dataDir, "market"), WARM_MODELS: "1" };
const { child, base, logFile } = await startAndWait({ port: await freePort(), env, log: (m) => console.log(m), readyPath: "/api/ping" });
const since = () => ((performance.now() - startedAt) / 1000).toFixed(2);
console.log(`ready ${since()} s after the spawn; load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
try {
  const user = await newUser(base, "first");
  await sleep(Math.max(0, at - (performance.now() - startedAt)));
  for (const s of SYMBOLS) {
    const t0 = performance.now();
    const t = since();
    const r = await fetch(`${base}/api/predictions/${s}`, { headers: user.headers });
    const body = (await r.json()) as { stage?: string };
    console.log(`${s}: GET at ${t} s -> HTTP ${r.status} ${body.stage} in ${(performance.now() - t0).toFixed(0)} ms (x-response-time ${r.headers.get("x-response-time")})`);
  }
} finally {
  await stopServer(child);
  console.log(`load at the end ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const lines = readFileSync(logFile, "utf8").split("\n").filter((l) => /worker|baseline|warm|migrat|predictions|market|prime|ready/i.test(l));
  console.log(lines.join("\n"));
  rmSync(dataDir, { recursive: true, force: true });
}
