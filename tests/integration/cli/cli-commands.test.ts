// The CLI against a temporary embedded database (a fresh PGlite data folder): train, predictions, history,
// export, recommendations, status, performance, with --json; and a clear refusal while a server holds it.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), "stock-hub-cli-"));
let port = 0;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // A port nothing listens on: the CLI's "is the server running?" probe must find it closed.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", UPSTASH_REDIS_REST_URL: "", MODELS_BUCKET: "", MODELS_DIR: "", MARKET_DATA_DIR: "", FORECAST_MODELS: "naive,drift", PORT: String(port), NODE_ENV: "test" };
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  try {
    const r = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], { env, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Every CLI call starts a fresh tsx process (tens of seconds on a loaded 2-core machine).
const SLOW = 900_000;

describe("npm run cli", () => {
  it("train registers versions, predictions serves them, history and export read them back", async () => {
    const train = await cli("train", "AAPL", "--json");
    expect(train.code, train.stderr).toBe(0);
    const trained = JSON.parse(train.stdout);
    expect(trained.models.map((m: { model: string; status: string }) => `${m.model}:${m.status}`)).toEqual(["naive:active", "drift:active"]);

    const pred = JSON.parse((await cli("predictions", "AAPL", "--json")).stdout);
    expect(pred.predictions[0]).toMatchObject({ symbol: "AAPL", status: "ready", source: "shipped", historical: true });
    expect(pred.predictions[0].models.map((m: { version: string }) => m.version)).toEqual([trained.version, trained.version]);

    const hist = JSON.parse((await cli("history", "AAPL", "--json")).stdout);
    expect(hist.rows).toHaveLength(6);
    expect(hist.summary.map((s: { count: number; filled: number }) => `${s.count}/${s.filled}`)).toEqual(Array(6).fill("1/0"));

    const csv = await cli("export", "predictions", "--format", "csv");
    expect(csv.code).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.symbol}:${r.model}:${r.horizon}:${r.origin_date}:${Number(r.predicted)}`)).toEqual(
      hist.rows.map((r: { model: string; horizon: number; originDate: string; predicted: number }) => `AAPL:${r.model}:${r.horizon}:${r.originDate}:${r.predicted}`),
    );
    const none = await cli("export", "predictions", "--format", "csv", "--to", "2000-01-01");
    expect(none.stdout.trim().split("\n")).toHaveLength(1); // header row only
  }, SLOW);

  it("recommendations, status and performance answer with --json and as text", async () => {
    const rec = JSON.parse((await cli("recommendations", "AAPL", "--json")).stdout);
    expect(rec.disclaimer).toMatch(/Not investment advice/);
    const drift = rec.recommendations[0];
    expect(drift).toMatchObject({ symbol: "AAPL", status: "ready", model: "drift" });
    // Drift always says "up", so it never disagrees with the always-up baseline: no edge, p = 1.
    expect(drift.horizons.map((h: { signal: string; skill: { pValue: number } }) => `${h.signal}:${h.skill.pValue}`)).toEqual(["no_edge:1", "no_edge:1", "no_edge:1"]);
    const text = await cli("recommendations", "AAPL");
    expect(text.stdout).toMatch(/^AAPL\s+1d\s+no_edge\s+P\(up\) 0\.\d{3}/m);

    const status = JSON.parse((await cli("status", "--json")).stdout);
    expect(status.models.find((m: { symbol: string }) => m.symbol === "AAPL").activeModels).toEqual(["naive", "drift"]);
    const perf = JSON.parse((await cli("performance", "AAPL", "--json")).stdout);
    expect(perf.walkForward).toHaveLength(6);
    expect(perf.walkForward.every((w: { origins: number }) => w.origins > 300)).toBe(true);
    expect(perf.served).toHaveLength(6);
  }, SLOW);

  it("says what to do when a running server holds the embedded database, and bad flags are usage errors", async () => {
    const server: Server = createServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    try {
      const r = await cli("predictions", "--json");
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`The Stock Hub server is running \\(it answered on port ${port}\\)`));
      expect(r.stderr).toMatch(/Stop the server .* and run this command again/);
    } finally {
      await new Promise((r) => server.close(r));
    }
    const bad = await cli("history", "AAPL", "--horizon", "3d");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--horizon must be one of 1d, 2d, 1w/);
  }, SLOW);
});
