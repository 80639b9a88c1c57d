// Vitest global setup: the integration suite runs against a real Redis. When REDIS_URL is unset and nothing
// answers on 127.0.0.1:6379, start a throwaway `redis-server` (no persistence, a free port) for this run, so
// `npm test` works on a machine that has Redis installed but not running. CI (CI=true) never gets one: a
// missing service there must fail the run, not be papered over.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, Socket } from "node:net";

const INSTALL_HINT = "install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL";

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once("error", () => done(false));
    s.connect(port, "127.0.0.1", () => s.write("PING\r\n"));
    s.once("data", (d) => done(d.toString().startsWith("+PONG")));
  });
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Starts `redis-server` on a free loopback port with no persistence; `stop` ends it. */
export async function startThrowawayRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  for (let i = 0; i < 50 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await answers(port))) {
    child.kill("SIGTERM");
    throw new Error(`redis-server did not start on port ${port}; ${INSTALL_HINT}`);
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => void child.kill("SIGTERM") };
}

let started: { url: string; stop: () => void } | undefined;

export async function setup(): Promise<void> {
  if (process.env.REDIS_URL || process.env.CI) return;
  if (await answers(6379)) return;
  if (spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status !== 0) {
    console.warn(`[tests] No Redis on 127.0.0.1:6379 and no redis-server to start: the Redis tests will fail; ${INSTALL_HINT}.`);
    return;
  }
  started = await startThrowawayRedis();
  // Workers start after global setup and inherit this.
  process.env.REDIS_URL = started.url;
  console.log(`[tests] started a throwaway redis-server at ${started.url} for this run`);
}

export async function teardown(): Promise<void> {
  started?.stop();
}
