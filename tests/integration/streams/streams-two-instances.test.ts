// Two app instances (separate processes) on the real Redis: an event published on one reaches a stream on
// the other; a dropped stream resumes with Last-Event-ID on either instance; alert streams are per user;
// heartbeats, the per-user connection cap and a clean close on SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, deleteByPrefix } from "../cache/redis-test-env";
import { setUpAuthTestEnv, type AuthTestEnv } from "../auth/auth-test-env";
import { connectSse } from "../../support/sse-client";
import { registerUser } from "../support/push-test-env";

interface Instance {
  url: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
}

async function startInstance(): Promise<Instance> {
  const proc = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/support/app-instance.ts"], {
    env: { ...process.env, SSE_HEARTBEAT_MS: "300", SSE_MAX_CONNECTIONS_PER_USER: "3", NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`instance did not start: ${out}`)), 60_000);
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.on("exit", (code) => reject(new Error(`instance exited with ${code}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, proc, exited };
}

const publish = async (inst: Instance, body: object) => {
  const r = await fetch(`${inst.url}/publish`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(r.status).toBe(200);
  return r.json() as Promise<{ id: string }>;
};
const payload = (e: { data: string }) => JSON.parse(e.data) as { id: string; type: string; data: Record<string, unknown> };

let env: AuthTestEnv;
let a: Instance;
let b: Instance;
let user: Awaited<ReturnType<typeof registerUser>>;
let other: Awaited<ReturnType<typeof registerUser>>;
beforeAll(async () => {
  env = await setUpAuthTestEnv({ redis: true, env: { TRUSTED_PROXY: "1" } });
  user = await registerUser("sse_a");
  other = await registerUser("sse_b");
  [a, b] = await Promise.all([startInstance(), startInstance()]);
});
afterAll(async () => {
  for (const i of [a, b]) i?.proc.kill("SIGKILL");
  const conn = await connectRedis();
  await deleteByPrefix(conn, `events:alerts:${user?.id}`);
  await deleteByPrefix(conn, `events:alerts:${other?.id}`);
  conn.disconnect();
  await env?.teardown();
});

describe("streams across two instances on Redis", () => {
  it("delivers on instance A what instance B published, with ids, after a first snapshot event", async () => {
    const s = await connectSse(`${a.url}/api/stream/predictions?symbols=AAPL`, user.auth);
    expect(s.status).toBe(200);
    const first = await s.next();
    expect(first.event).toBe("snapshot");
    expect(first.id).toMatch(/^\d+-\d+$/);
    const sent = await publish(b, { type: "prediction.updated", data: { symbol: "AAPL", n: 1 } });
    await publish(b, { type: "prediction.updated", data: { symbol: "MSFT", n: 99 } }); // filtered out by ?symbols=
    const got = await s.next((e) => e.event === "prediction.updated");
    expect(payload(got)).toMatchObject({ id: sent.id, type: "prediction.updated", data: { symbol: "AAPL", n: 1 } });
    expect(got.id).toMatch(/^\d+-\d+$/);
    await new Promise((r) => setTimeout(r, 400));
    expect(s.events.filter((e) => e.event === "prediction.updated").map((e) => payload(e).data.n)).toEqual([1]);
    expect(s.comments.filter((c) => c.trim() === "heartbeat").length).toBeGreaterThan(0);
    s.close();
  });

  it("resumes a dropped stream with Last-Event-ID: exactly the missed events, in order, on the other instance", async () => {
    const s1 = await connectSse(`${a.url}/api/stream/predictions?symbols=NVDA`, user.auth);
    await s1.next();
    await publish(b, { type: "prediction.updated", data: { symbol: "NVDA", n: 1 } });
    const seen = await s1.next((e) => e.event === "prediction.updated");
    s1.close(); // dropped
    await publish(b, { type: "prediction.updated", data: { symbol: "NVDA", n: 2 } });
    await publish(a, { type: "prediction.updated", data: { symbol: "NVDA", n: 3 } });
    const s2 = await connectSse(`${b.url}/api/stream/predictions?symbols=NVDA`, { ...user.auth, "last-event-id": seen.id! });
    const r2 = await s2.next();
    const r3 = await s2.next();
    expect([r2, r3].map((e) => [e.event, payload(e).data.n])).toEqual([["prediction.updated", 2], ["prediction.updated", 3]]);
    expect(s2.events.some((e) => e.event === "snapshot")).toBe(false);
    await publish(a, { type: "prediction.updated", data: { symbol: "NVDA", n: 4 } });
    expect(payload(await s2.next()).data.n).toBe(4);
    s2.close();
  });

  it("alert streams are per user: the owner receives alert.triggered published elsewhere, another user does not", async () => {
    const mine = await connectSse(`${a.url}/api/stream/alerts`, user.auth);
    const theirs = await connectSse(`${a.url}/api/stream/alerts`, other.auth);
    const snap = await mine.next();
    expect(snap.event).toBe("snapshot");
    expect(JSON.parse(snap.data)).toEqual({ alerts: [], triggered: [], limit: 50 });
    await theirs.next();
    await publish(b, { type: "alert.triggered", userId: user.id, data: { symbol: "AAPL", message: "AAPL closed above 170" } });
    expect(payload(await mine.next((e) => e.event === "alert.triggered")).data).toMatchObject({ symbol: "AAPL", message: "AAPL closed above 170" });
    await new Promise((r) => setTimeout(r, 400));
    expect(theirs.events.filter((e) => e.event === "alert.triggered")).toEqual([]);
    mine.close();
    theirs.close();
  });

  it("refuses anonymous callers with 401 and a fourth stream of one user with 429", async () => {
    const anon = await connectSse(`${a.url}/api/stream/alerts`);
    expect(anon.status).toBe(401);
    expect(anon.json).toEqual({ error: { code: "unauthorized", message: "Authentication required" } });
    const open = await Promise.all([1, 2, 3].map(() => connectSse(`${a.url}/api/stream/alerts`, other.auth)));
    await Promise.all(open.map((s) => s.next()));
    const fourth = await connectSse(`${a.url}/api/stream/alerts`, other.auth);
    expect(fourth.status).toBe(429);
    expect((fourth.json as { error: { code: string } }).error.code).toBe("rate_limited");
    for (const s of open) s.close();
  });

  it("closes open streams with a shutdown event on SIGTERM", async () => {
    const s = await connectSse(`${b.url}/api/stream/predictions`, user.auth);
    await s.next();
    b.proc.kill("SIGTERM");
    const bye = await s.next((e) => e.event === "shutdown");
    expect(JSON.parse(bye.data)).toMatchObject({ reconnect: true });
    await s.ended;
    expect(await b.exited).toBe(0);
  });
});
