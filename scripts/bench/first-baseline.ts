// Where the first baseline after a fresh start goes: a fresh production server as `npm start` runs it
// (embedded defaults, fresh data folder, first-start warm-up on), a person's GET of a symbol never trained
// 5 s after the start and then of four more, each timed on the client; then a timeline of the same seconds:
// each thread's CPU per second from /proc (the training threads run niced, TRAINING_NICE), and the server
// log's own lines (worker warm-up, baseline trainings, the requests), all in seconds after the spawn.
// Lighter than bench:serving (no full training, no load generator).
// Usage: npx tsx scripts/bench/first-baseline.ts [--at <ms after start, 5000>] [--seconds <timeline length, 15>]
//        [--symbols ORCL,ADBE,CRM,INTC,DIS]
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, sleep, startServer, stopServer, waitFor } from "./app-server";
import { newUser } from "./newcomer";
import { marksText, sampleThreads, timelineText } from "./thread-timeline";

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const at = arg("--at", 5000);
const seconds = arg("--seconds", 15);
const SYMBOLS = (process.argv.includes("--symbols") ? process.argv[process.argv.indexOf("--symbols") + 1] : "ORCL,ADBE,CRM,INTC,DIS").split(",");
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const dataDir = mkdtempSync(join(tmpdir(), "bench-first-baseline-"));
cpSync("data", join(dataDir, "market"), { recursive: true });
const env = { DATA_DIR: dataDir, ADMIN_API_KEY: "first-baseline-bench-key-0123456789", MARKET_DATA_DIR: join(dataDir, "market"), WARM_MODELS: "1" };
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
console.log(`load at the start ${load()}`);
const spawnedAt = Date.now();
const startedAt = performance.now();
const { child, logFile } = startServer({ port, env, log: (m) => console.log(m) });
const threads = sampleThreads(child.pid!);
const since = () => ((performance.now() - startedAt) / 1000).toFixed(2);
const got: string[] = [];
try {
  await waitFor(`${base}/api/ping`, { timeoutMs: 90_000 });
  console.log(`ready ${since()} s after the spawn`);
  threads.mark("ready");
  const user = await newUser(base, "first");
  threads.mark("user");
  await sleep(Math.max(0, at - (performance.now() - startedAt)));
  threads.mark("click");
  for (const s of SYMBOLS) {
    const t0 = performance.now();
    const t = since();
    const r = await fetch(`${base}/api/predictions/${s}`, { headers: user.headers });
    const body = (await r.json()) as { stage?: string };
    got.push(`${s}: GET at ${t} s -> HTTP ${r.status} ${body.stage} at ${since()} s: ${(performance.now() - t0).toFixed(0)} ms (x-response-time ${r.headers.get("x-response-time")})`);
    threads.mark(s);
  }
} finally {
  const rows = threads.stop();
  await stopServer(child);
  console.log(got.join("\n"));
  console.log(`load at the end ${load()}`);
  console.log(`\nCPU per thread (ms per second after the spawn; nice in brackets):\n${timelineText(rows, { seconds })}`);
  console.log(`\nCPU per thread so far (ms) when the server was ready, the user logged in, the click, each GET answered:\n${marksText(rows, ["ready", "user", "click", ...SYMBOLS])}`);
  const lines = readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => /worker|baseline|warm|migrat|predictions|market|prime|ready|database/i.test(l))
    .map((l) => {
      try {
        const { time, msg, ...rest } = JSON.parse(l) as { time: string; msg: string };
        return `${((Date.parse(time) - spawnedAt) / 1000).toFixed(2).padStart(6)} s  ${msg} ${JSON.stringify(rest)}`;
      } catch {
        return `          ${l}`;
      }
    });
  console.log(`\nserver log, seconds after the spawn:\n${lines.join("\n")}`);
  rmSync(dataDir, { recursive: true, force: true });
}
