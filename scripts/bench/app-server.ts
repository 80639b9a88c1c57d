// What the HTTP benchmarks share: the production server (scripts/serve.mjs) on a free port with the
// embedded defaults, autocannon segments that record every latency, and the table they print.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonInstance {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  stop(): void;
}
type Autocannon = (
  opts: { url: string; connections: number; duration: number; pipelining?: number; headers?: Record<string, string> },
  cb: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
// autocannon ships no type declarations; the shape used here is declared above.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Segment {
  latencies: number[];
  requests: number;
  seconds: number;
  errors: number;
  non2xx: number;
}

/** One autocannon run of `seconds`, or until `until` settles (then it is stopped early). */
export function runSegment({ url, connections, seconds, headers, until }: { url: string; connections: number; seconds: number; headers?: Record<string, string>; until?: Promise<unknown> }): Promise<Segment> {
  const latencies: number[] = [];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (err, r) => {
      if (err) return reject(err);
      resolve({ latencies, requests: r.requests.total, seconds: (performance.now() - started) / 1000, errors: r.errors + r.timeouts, non2xx: r.non2xx });
    });
    instance.on("response", (_c, _status, _bytes, ms) => latencies.push(ms));
    until?.finally(() => instance.stop()).catch(() => {});
  });
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function waitFor(url: string, { timeoutMs }: { timeoutMs: number }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/** The embedded-defaults environment: hosted-service settings removed, per-IP limits out of the way. */
export function benchEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(DATABASE_URL|REDIS_URL|UPSTASH_|INNGEST_|MODELS_BUCKET|S3_|ALPHA_VANTAGE_API_KEY|FINNHUB_API_KEY|POLYGON_API_KEY)/.test(k)) delete env[k];
  }
  return {
    ...env,
    NODE_ENV: "production",
    PORT: String(port),
    // Every autocannon connection comes from 127.0.0.1: without this the anonymous per-IP limit
    // would turn the run into a 429 benchmark. The limiter still runs on every request.
    RATE_LIMIT_ANON_PER_MIN: "1000000000",
    RATE_LIMIT_DEFAULT_PER_MIN: "1000000000",
    RATE_LIMIT_AUTH_PER_MIN: "1000",
    // The first-start warm-up would train the watchlist in the background of every measurement.
    WARM_MODELS: "0",
  };
}

/** Builds when there is no production build, then starts scripts/serve.mjs (what `npm start` runs). */
export function startServer({ port, env = {}, log }: { port: number; env?: Record<string, string>; log: (msg: string) => void }): { child: ChildProcess; logFile: string } {
  const next = join("node_modules", "next", "dist", "bin", "next");
  if (!existsSync(".next/BUILD_ID")) {
    log("no production build (.next/BUILD_ID missing): running next build ...");
    const r = spawnSync(process.execPath, [next, "build"], { stdio: ["ignore", process.stderr, process.stderr], env: { ...process.env, NODE_ENV: "production" } });
    if (r.status !== 0) throw new Error(`next build failed with exit code ${r.status}`);
  }
  // Server logs (one JSON line per request) go to a file: realistic cost, and no pipe to drain.
  const logFile = join(mkdtempSync(join(tmpdir(), "bench-server-")), "server.log");
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, ["scripts/serve.mjs"], { stdio: ["ignore", fd, fd], env: { ...benchEnv(port), HOST: "127.0.0.1", ...env } });
  return { child, logFile };
}

/** Starts the server and waits until `readyPath` answers; rejects with the server's log if it exits first. */
export async function startAndWait(o: { port: number; env?: Record<string, string>; log: (msg: string) => void; readyPath: string }): Promise<{ child: ChildProcess; base: string; logFile: string }> {
  const started = startServer(o);
  const base = `http://127.0.0.1:${o.port}`;
  o.log(`starting the production server on ${base} (server log: ${started.logFile})`);
  const exitedEarly = new Promise<never>((_, reject) =>
    started.child.once("exit", (code) => reject(new Error(`server exited with code ${code}; see ${started.logFile}:\n${readFileSync(started.logFile, "utf8").slice(-2000)}`))),
  );
  await Promise.race([waitFor(base + o.readyPath, { timeoutMs: 90_000 }), exitedEarly]);
  return { child: started.child, base, logFile: started.logFile };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

export function table(head: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}
