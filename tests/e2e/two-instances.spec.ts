// The hosted shape without Inngest: two production servers (scripts/serve.mjs on the build) on one Postgres
// and one Redis, each running jobs and schedules in-process. They agree: a rate limit counts requests on both
// exactly; an event published on one reaches streams on both; a symbol asked for on both at once trains once
// (one job row); an alert crossing fires once though both run the alert schedule; each webhook event is
// delivered once. Needs DATABASE_URL and REDIS_URL (CI sets them; else the local services on 127.0.0.1).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { connectSse, type SseConnection } from "../support/sse-client";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { spawnServer, type SpawnedServer } from "./support/spawn-server";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const POSTGRES = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
// Its own Redis database, emptied first: a forecast an earlier run cached would answer 200 at once, and other
// suites' keys stay out of its counts (pub/sub channels are server-wide; its events are told apart by id).
const REDIS = (() => {
  const u = new URL(process.env.REDIS_URL || "redis://127.0.0.1:6379");
  u.pathname = "/9";
  return u.toString();
})();
const SCHEMA = `two_instances_${Date.now().toString(36)}`;
const ANON_LIMIT = 30;
const SECRET = "two-instances-secret-0123456789-abcdefghijklmnop";

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
const payload = (e: { data: string }) => JSON.parse(e.data) as { id: string; type: string; data: Record<string, unknown> };

let db: pg.Client;
let rx: WebhookReceiver;
let a: SpawnedServer;
let b: SpawnedServer;
let modelsDir: string;
let auth: Record<string, string>;
let alertStreams: SseConnection[] = [];

const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql.replaceAll("$schema", `"${SCHEMA}"`), params)).rows[0].n);

test.describe.configure({ mode: "serial", timeout: 150_000 });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  db = new pg.Client({ connectionString: POSTGRES });
  await db.connect();
  await db.query(`CREATE SCHEMA "${SCHEMA}"`);
  const url = new URL(POSTGRES);
  url.searchParams.set("schema", SCHEMA);
  // Production servers on Postgres do not migrate at start (the deploy step does): this is that step.
  const migrated = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-migrate.ts"], { env: { ...process.env, DATABASE_URL: url.toString() }, encoding: "utf8" });
  expect(migrated.status, migrated.stderr).toBe(0);
  const flushed = spawnSync("redis-cli", ["-u", REDIS, "FLUSHDB"], { encoding: "utf8" });
  expect(flushed.stdout.trim(), flushed.stderr).toBe("OK");
  rx = await startWebhookReceiver();
  modelsDir = mkdtempSync(join(tmpdir(), "stock-hub-two-instances-models-"));
  const vars = {
    DATABASE_URL: url.toString(),
    REDIS_URL: REDIS,
    NEXTAUTH_SECRET: SECRET,
    JWT_SECRET: SECRET,
    TRUSTED_PROXY: "1",
    // Model artifacts on a folder both use (a hosted deployment uses one bucket).
    MODELS_DIR: modelsDir,
    FORECAST_MODELS: "naive,drift",
    RATE_LIMIT_ANON_PER_MIN: String(ANON_LIMIT),
    WEBHOOK_ALLOWED_TARGETS: `127.0.0.1:${new URL(rx.url).port}`,
    // Every minute instead of after the US close, so the test sees both processes' timers fire.
    JOB_SCHEDULES: "refresh-market=* * * * *",
  };
  a = spawnServer(vars, { port: E2E_PORT + 53 });
  b = spawnServer(vars, { port: E2E_PORT + 54 });
  await Promise.all([a.ready, b.ready]);

  // One user, signed up on A and working on both.
  const reg = await fetch(`${a.url}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip() },
    body: JSON.stringify({ email: "twin@example.com", username: "twin", password: "violet-kettle-harbor-2026" }),
  });
  expect(reg.status, await reg.clone().text()).toBe(201);
  auth = { authorization: `Bearer ${((await reg.json()) as { access_token: string }).access_token}`, "x-forwarded-for": ip() };
  const hook = await fetch(`${b.url}/api/webhooks`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ url: rx.url, events: ["alert.triggered", "prediction.updated"] }) });
  expect(hook.status, await hook.clone().text()).toBe(201);
  // The alert streams open before the alert exists: the crossing is evaluated within the minute.
  alertStreams = await Promise.all([a, b].map((s) => connectSse(`${s.url}/api/stream/alerts`, auth)));
  for (const s of alertStreams) expect((await s.next()).event).toBe("snapshot");
  const alert = await fetch(`${a.url}/api/alerts`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ symbol: "AAPL", type: "above", price: 1 }) });
  expect(alert.status).toBe(201);
});

test.afterAll(async () => {
  for (const s of alertStreams) s.close();
  for (const s of [a, b]) s?.proc.kill("SIGTERM");
  await Promise.all([a?.exited, b?.exited]);
  await rx?.close();
  await db?.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await db?.end();
  if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
});

test("a rate limit counts the requests on both instances exactly: the limit allowed, the next one refused on either", async () => {
  const from = { "x-forwarded-for": ip() };
  // The window is the clock minute, the previous one weighted by its overlap: the burst stays inside one minute.
  const msLeft = 60_000 - (Date.now() % 60_000);
  if (msLeft < 10_000) await new Promise((r) => setTimeout(r, msLeft + 200));
  const remaining: number[] = [];
  for (let i = 0; i < ANON_LIMIT; i++) {
    const r = await fetch(`${(i % 2 ? b : a).url}/api/ping`, { headers: from });
    expect(r.status, `request ${i + 1}`).toBe(200);
    remaining.push(Number(r.headers.get("x-ratelimit-remaining")));
  }
  expect(remaining).toEqual(Array.from({ length: ANON_LIMIT }, (_, i) => ANON_LIMIT - 1 - i));
  for (const s of [a, b]) {
    const r = await fetch(`${s.url}/api/ping`, { headers: from });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  }
});

test("a symbol asked for on both at once trains once; its forecast event reaches the streams on both and the webhook once", async () => {
  const streams = await Promise.all([a, b].map((s) => connectSse(`${s.url}/api/stream/predictions?symbols=AAPL`, auth)));
  for (const s of streams) expect((await s.next()).event).toBe("snapshot");
  // Three requests on each instance at once: every one answers the one job.
  const asked = await Promise.all([a, b, a, b, a, b].map((s) => fetch(`${s.url}/api/predictions/AAPL`, { method: "POST", headers: auth })));
  expect(asked.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
  const jobs = (await Promise.all(asked.map((r) => r.json()))) as { job_id: string }[];
  const jobA = jobs[0];
  expect(new Set(jobs.map((j) => j.job_id))).toEqual(new Set([jobA.job_id]));
  expect(await count(`SELECT count(*) AS n FROM $schema.jobs WHERE name = 'predictions/forecast.requested' AND subject = 'AAPL'`)).toBe(1);

  for (let i = 0; ; i++) {
    const job = (await (await fetch(`${(i % 2 ? a : b).url}/api/jobs/${jobA.job_id}`, { headers: auth })).json()) as { status: string; error: string | null };
    if (job.status === "done") break;
    expect(["queued", "running"], job.error ?? "").toContain(job.status);
    expect(i).toBeLessThan(120);
    await new Promise((r) => setTimeout(r, 500));
  }
  // Whichever instance ran the job published the event: the other one's stream got it through Redis.
  const delivered = async () => rx.received.map((m) => JSON.parse(m.body) as { id: string; type: string }).filter((m) => m.type === "prediction.updated");
  await expect.poll(async () => (await delivered()).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const ids = new Set((await delivered()).map((m) => m.id));
  for (const s of streams) {
    await s.next((e) => e.event === "prediction.updated" && ids.has(payload(e).id), 15_000);
    await new Promise((r) => setTimeout(r, 300));
    const seen = s.events.filter((e) => e.event === "prediction.updated" && ids.has(payload(e).id)).map((e) => payload(e).id);
    expect(seen.sort()).toEqual([...ids].sort());
    s.close();
  }
  expect((await delivered()).map((m) => m.id).sort()).toEqual([...ids].sort());
  // Both instances serve the models the one job trained.
  for (const s of [a, b]) {
    const r = (await (await fetch(`${s.url}/api/predictions/AAPL`, { headers: auth })).json()) as { models: { name: string }[] };
    expect(r.models.map((m) => m.name).sort()).toEqual(["drift", "naive"]);
  }
});

test("every schedule firing runs one job though both instances run the schedules", async () => {
  // Alerts are judged when new prices arrive (the daily refresh; none arrive on the shipped set); that a firing
  // happens once across processes is checked by tests/integration/alerts (a second process on the same database).
  // Here the refresh runs every minute on both instances; each minute is claimed by one of them.
  await expect.poll(() => count(`SELECT count(*) AS n FROM $schema.cron_ticks WHERE name = 'refresh-market'`), { timeout: 75_000, intervals: [1000] }).toBeGreaterThanOrEqual(1);
  expect(await count(`SELECT count(*) AS n FROM $schema.alert_triggers`)).toBeLessThanOrEqual(1);
  // Both processes' timers fired every minute for every schedule; each firing ran one job all the same.
  for (const [id, event] of [["refresh-market", "market/daily.refresh"], ["retry-webhooks", "webhooks/deliveries.retry"], ["retry-mail", "mail/messages.retry"]]) {
    expect(await count(`SELECT count(*) AS n FROM $schema.cron_ticks WHERE name = $1`, [id]), id).toBeGreaterThanOrEqual(1);
    // A firing claims its minute a moment before its job row exists: polled until they match.
    await expect
      .poll(() => count(`SELECT (SELECT count(*) FROM $schema.jobs WHERE name = $2) - (SELECT count(*) FROM $schema.cron_ticks WHERE name = $1) AS n`, [id, event]), { timeout: 5000 })
      .toBe(0);
  }
});
