// What a training thread costs at a fresh start, in CPU time of that thread (from /proc, so a loaded machine
// stretches the wall times but hardly the CPU): a pool thread as the production server makes it (the prebuilt
// worker bundle, niced), from its creation to its finished warm-up task; then two baseline tasks (naive and
// drift of a symbol never trained, as the fast lane sends them), the first one on the cold code.
// Usage: npx tsx scripts/bench/thread-start.ts [--entry <worker file, default .next/worker/train-worker.mjs>] [--runs 3]
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { readSeriesCsv } from "@/server/forecast/data";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const entry = arg("--entry", `${process.cwd()}/.next/worker/train-worker.mjs`);
const runs = Number(arg("--runs", "3"));
const NICE = 10;

/** CPU ms of each of this process's threads running at the training threads' niceness. */
function nicedThreadsCpu(): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of readdirSync("/proc/self/task")) {
    try {
      const s = readFileSync(`/proc/self/task/${t}/stat`, "utf8");
      const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
      if (Number(f[16]) === NICE) out.set(Number(t), (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}
const cpu = () => [...nicedThreadsCpu().values()].reduce((a, b) => a + b, 0);

async function once() {
  const pool = new Piscina({
    filename: entry,
    minThreads: 1,
    maxThreads: 1,
    execArgv: ["--conditions=react-server", "--import", `${process.cwd()}/src/lib/workers/nice-thread.mjs`, ...(entry.endsWith(".ts") ? ["--import", "tsx"] : [])],
    workerData: { niceIncrement: NICE },
  });
  const t0 = performance.now();
  const warm = (await pool.run({ warmUp: true })) as { tfjs?: boolean };
  const start = { wallMs: Math.round(performance.now() - t0), cpuMs: cpu(), tfjs: warm.tfjs ?? "(not reported: loaded by the warm-up)" };
  const baselines: { symbol: string; wallMs: number; cpuMs: number }[] = [];
  for (const symbol of ["ORCL", "ADBE"]) {
    const series = readSeriesCsv({ symbol });
    const c = cpu();
    const t = performance.now();
    // As the pool sends a task (src/lib/workers/pool.ts): with its own port and cancel flag.
    const { port1, port2 } = new MessageChannel();
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    await pool.run({ series, models: ["naive", "drift"], ensembleMembers: [], version: "v-bench", port: port2, cancelFlag }, { transferList: [port2] });
    port1.close();
    baselines.push({ symbol, wallMs: Math.round(performance.now() - t), cpuMs: cpu() - c });
  }
  await pool.destroy();
  return { start, baselines };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`entry ${entry}; load ${load()}`);
for (let i = 0; i < runs; i++) console.log(JSON.stringify(await once()));
console.log(`load at the end ${load()}`);
