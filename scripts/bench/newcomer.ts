// What a newcomer's clicks cost, as a client sees it on this machine's loopback (used by serving.ts): the
// first read of a symbol never trained (its calibrated baseline), then the ask for its models and the wait
// until the job is done; a retrain asked by the admin. Every request goes through the real routes.
import { sleep } from "./app-server";

export interface Client {
  base: string;
  headers: Record<string, string>;
}

/** A user of the running server: registered and logged in through the API (the routes a person uses). */
export async function newUser(base: string, tag: string): Promise<Client> {
  const name = `bench_${tag}_${Date.now().toString(36)}`;
  const password = `violet-kettle-${name.length}-bench`;
  const json = { "content-type": "application/json" };
  const reg = await fetch(`${base}/api/auth/register`, { method: "POST", headers: json, body: JSON.stringify({ email: `${name}@example.com`, username: name, password }) });
  if (!reg.ok) throw new Error(`register answered HTTP ${reg.status}: ${await reg.text()}`);
  const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: json, body: JSON.stringify({ login: name, password }) });
  if (!login.ok) throw new Error(`login answered HTTP ${login.status}: ${await login.text()}`);
  const { access_token } = (await login.json()) as { access_token: string };
  return { base, headers: { authorization: `Bearer ${access_token}` } };
}

async function pollJob(c: Client, poll: string): Promise<{ status: string; message: string | null; result: unknown }> {
  for (;;) {
    await sleep(200);
    const j = (await (await fetch(c.base + poll, { headers: c.headers })).json()) as { status: string; message: string | null; result: unknown; error?: unknown };
    if (j.status === "done") return j;
    if (["failed", "timeout", "cancelled"].includes(j.status)) throw new Error(`job ${poll} ended ${j.status}: ${JSON.stringify(j)}`);
  }
}

/**
 * A person's click on a symbol never trained: the time to the baseline forecast (the first read) and to the
 * full model set (the read, the ask, the job done). Also the progress messages the page would have shown.
 */
export async function clickToModels(c: Client, symbol: string): Promise<{ baselineMs: number; fullMs: number; stage: string; models: number; messages: string[] }> {
  const t0 = performance.now();
  const read = await fetch(`${c.base}/api/predictions/${symbol}`, { headers: c.headers });
  const body = (await read.json()) as { stage?: string; models?: unknown[]; training?: { poll: string } | null };
  if (read.status !== 200) throw new Error(`GET /api/predictions/${symbol} answered HTTP ${read.status}: ${JSON.stringify(body)}`);
  const baselineMs = performance.now() - t0;
  const ask = await fetch(`${c.base}/api/predictions/${symbol}`, { method: "POST", headers: c.headers });
  const asked = (await ask.json()) as { poll?: string; models?: unknown[] };
  if (ask.status === 200) return { baselineMs, fullMs: performance.now() - t0, stage: body.stage ?? "?", models: asked.models?.length ?? 0, messages: [] };
  if (ask.status !== 202 || !asked.poll) throw new Error(`POST /api/predictions/${symbol} answered HTTP ${ask.status}: ${JSON.stringify(asked)}`);
  const messages: string[] = [];
  const watch = (async () => {
    for (;;) {
      const j = (await (await fetch(c.base + asked.poll, { headers: c.headers })).json()) as { status: string; message: string | null };
      if (j.message && messages.at(-1) !== j.message) messages.push(j.message);
      if (!["queued", "running"].includes(j.status)) return;
      await sleep(250);
    }
  })();
  const done = await pollJob(c, asked.poll);
  await watch;
  return { baselineMs, fullMs: performance.now() - t0, stage: body.stage ?? "?", models: (done.result as { models?: unknown[] })?.models?.length ?? 0, messages };
}

/** What a retrain computed and reused (the train-models job's result for the symbol). */
export interface RetrainCounts {
  backtests: { model: string; computed: number; reused: number; fits: number; finalReused: boolean }[];
  volatility: { computed: number; reused: number; finalsComputed: number };
}

/** The admin's retrain of one symbol (POST /api/train: a person's request, not background work), and its counts. */
export async function retrain(base: string, adminKey: string, symbol: string): Promise<{ ms: number; counts: RetrainCounts }> {
  const started = performance.now();
  const headers = { "content-type": "application/json", "x-api-key": adminKey };
  const res = await fetch(`${base}/api/train`, { method: "POST", headers, body: JSON.stringify({ symbols: [symbol] }) });
  if (res.status !== 202) throw new Error(`POST /api/train answered HTTP ${res.status}: ${await res.text()}`);
  const { poll } = (await res.json()) as { poll: string };
  const done = await pollJob({ base, headers }, poll);
  const ms = performance.now() - started;
  const r = (done.result as { symbols: RetrainCounts[] }).symbols[0];
  return { ms, counts: { backtests: r.backtests, volatility: r.volatility } };
}
