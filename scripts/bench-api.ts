// `npm run bench:api`: throughput and latency of the cached GET /api/stock/AAPL against a trivial
// route of the same app (GET /api/ping, same route wrapper), at 10 and 100 connections; and the same stock
// route with a valid API key and with a bearer JWT, reported as authRatios (authenticated ÷ anonymous req/s).
// Builds if there is no production build, starts the production server (scripts/serve.mjs) on a free port with the embedded
// defaults, warms the cache, runs autocannon, prints a table (or JSON with --json) and stops the server.
//
// Options: --json  --duration <s> per route and level (default 10)  --rounds <n> alternating segments
// (default 4)  --connections 10,100  --url <base> (bench an already running app)
import type { ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { freePort, percentile, runSegment, startAndWait, stopServer, table as formatTable, waitFor, type Segment } from "./bench/app-server";

const TARGET_RATIO = 0.8;
const STOCK_PATH = "/api/stock/AAPL";
const TRIVIAL_PATH = "/api/ping";
const API_KEY_LABEL = `${STOCK_PATH} (API key)`;
const JWT_LABEL = `${STOCK_PATH} (bearer JWT)`;

/** A fresh account on the benched server: its bearer token and a default-tier API key. */
async function credentials(base: string): Promise<{ jwt: string; apiKey: string }> {
  const username = `bench${Date.now().toString(36)}`;
  const reg = await fetch(`${base}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `${username}@example.com`, username, password: `violet-kettle-tulip-${Date.now()}` }),
  });
  if (reg.status !== 201) throw new Error(`registering the bench account failed: HTTP ${reg.status} ${await reg.text()}`);
  const jwt = ((await reg.json()) as { access_token: string }).access_token;
  const key = await fetch(`${base}/api/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ name: "bench" }),
  });
  if (key.status !== 201) throw new Error(`creating the bench API key failed: HTTP ${key.status} ${await key.text()}`);
  return { jwt, apiKey: ((await key.json()) as { key: string }).key };
}

export interface RunResult {
  route: string;
  connections: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10,100" },
    url: { type: "string" },
    rounds: { type: "string", default: "4" },
  },
});
const duration = Number(args.duration);
const connectionLevels = args.connections.split(",").map(Number);
const rounds = Number(args.rounds);
if (!(duration > 0) || !Number.isInteger(rounds) || rounds < 1 || connectionLevels.some((c) => !Number.isInteger(c) || c < 1)) {
  throw new Error("--duration must be positive and --connections a list of positive integers");
}
// With --json, stdout carries only the JSON; progress goes to stderr.
const say = (msg: string) => (args.json ? process.stderr : process.stdout).write(msg + "\n");

function summarize({ route, connections, segments }: { route: string; connections: number; segments: Segment[] }): RunResult {
  const latencies = segments.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const requests = segments.reduce((n, s) => n + s.requests, 0);
  const seconds = segments.reduce((n, s) => n + s.seconds, 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    route,
    connections,
    reqPerSec: Math.round(requests / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    requests,
    errors: segments.reduce((n, s) => n + s.errors, 0),
    non2xx: segments.reduce((n, s) => n + s.non2xx, 0),
  };
}

function table(results: RunResult[]): string {
  const head = ["route", "conns", "req/s", "p50 ms", "p95 ms", "p99 ms", "requests", "errors", "non-2xx"];
  return formatTable(head, results.map((r) => [r.route, r.connections, r.reqPerSec, r.p50Ms, r.p95Ms, r.p99Ms, r.requests, r.errors, r.non2xx]));
}

async function main(): Promise<void> {
  let child: ChildProcess | null = null;
  let base = args.url?.replace(/\/$/, "");
  const stop = async () => {
    if (child) await stopServer(child);
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(130)));
  try {
    if (!base) {
      const started = await startAndWait({ port: await freePort(), log: say, readyPath: TRIVIAL_PATH });
      child = started.child;
      base = started.base;
    }
    say(`warming ${STOCK_PATH}`);
    await waitFor(base + STOCK_PATH, { timeoutMs: 30_000 });
    const probe = await fetch(base + STOCK_PATH);
    const body = (await probe.json()) as { source?: string; asOf?: string; price?: number };
    say(`  ${STOCK_PATH}: HTTP ${probe.status}, source ${body.source ?? "?"}, as of ${body.asOf ?? "?"}`);

    const creds = await credentials(base);
    const runs: Array<{ label: string; path: string; headers?: Record<string, string> }> = [
      { label: TRIVIAL_PATH, path: TRIVIAL_PATH },
      { label: STOCK_PATH, path: STOCK_PATH },
      { label: API_KEY_LABEL, path: STOCK_PATH, headers: { "x-api-key": creds.apiKey } },
      { label: JWT_LABEL, path: STOCK_PATH, headers: { authorization: `Bearer ${creds.jwt}` } },
    ];
    const results: RunResult[] = [];
    for (const connections of connectionLevels) {
      // A short unmeasured run per route first (warm JIT and sockets), then the measured time in
      // alternating segments, so background load on a shared machine hits every run alike.
      for (const r of runs) await runSegment({ url: base + r.path, connections, seconds: Math.min(2, duration), headers: r.headers });
      const segmentSec = duration / rounds;
      const segments = new Map<string, Segment[]>(runs.map((r) => [r.label, []]));
      say(`measuring ${runs.map((r) => r.label).join(", ")} at ${connections} connections: ${duration} s each in ${rounds} alternating segments`);
      for (let i = 0; i < rounds; i++) {
        for (const r of i % 2 === 0 ? runs : [...runs].reverse()) {
          segments.get(r.label)!.push(await runSegment({ url: base + r.path, connections, seconds: segmentSec, headers: r.headers }));
        }
      }
      for (const r of runs) results.push(summarize({ route: r.label, connections, segments: segments.get(r.label)! }));
    }
    const authRatios = connectionLevels.map((connections) => {
      const at = (label: string) => results.find((r) => r.route === label && r.connections === connections)!;
      const anon = at(STOCK_PATH).reqPerSec;
      const ratio = (label: string) => Math.round((at(label).reqPerSec / anon) * 100) / 100;
      const apiKey = ratio(API_KEY_LABEL);
      const jwt = ratio(JWT_LABEL);
      const clean = [API_KEY_LABEL, JWT_LABEL].every((l) => at(l).errors === 0 && at(l).non2xx === 0);
      return { connections, apiKey, jwt, target: TARGET_RATIO, met: apiKey >= TARGET_RATIO && jwt >= TARGET_RATIO && clean };
    });
    const ratios = connectionLevels.map((connections) => {
      const stock = results.find((r) => r.route === STOCK_PATH && r.connections === connections)!;
      const trivial = results.find((r) => r.route === TRIVIAL_PATH && r.connections === connections)!;
      const ratio = Math.round((stock.reqPerSec / trivial.reqPerSec) * 100) / 100;
      return { connections, ratio, target: TARGET_RATIO, met: ratio >= TARGET_RATIO && stock.errors === 0 && stock.non2xx === 0 };
    });
    const report = {
      when: new Date().toISOString(),
      base,
      durationSec: duration,
      rounds,
      results,
      ratios,
      authRatios,
      targetMet: ratios.every((r) => r.met) && authRatios.every((r) => r.met),
    };

    if (args.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    else {
      say("\n" + table(results) + "\n");
      for (const r of ratios) {
        say(`stock/trivial throughput at ${r.connections} connections: ${r.ratio.toFixed(2)}x (target >= ${TARGET_RATIO}x, 0 errors): ${r.met ? "met" : "MISSED"}`);
      }
      for (const r of authRatios) {
        say(`authenticated/anonymous stock throughput at ${r.connections} connections: API key ${r.apiKey.toFixed(2)}x, JWT ${r.jwt.toFixed(2)}x (target >= ${TARGET_RATIO}x, 0 errors): ${r.met ? "met" : "MISSED"}`);
      }
    }
    if (results.some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
  } finally {
    await stop();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:api failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
