// `npm run bench:stored-state [-- --symbol IBM] [-- --models naive,random_forest]`: the size of a model's stored
// walk-forward state (backtest_stores) as JSON and as the gzip bytes written since 2026-12-07, the training
// thread's time to merge and encode it, and the calling thread's time of the database write both ways (the
// Json columns as before, the bytes now), on the embedded database (PGlite in a temp folder). Prints JSON.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : fallback);
const symbol = arg("--symbol", "IBM");
const models = arg("--models", "naive,random_forest").split(",");
const dataDir = mkdtempSync(join(tmpdir(), "stock-hub-bench-stored-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { encodeStored, mergeStored, shippedMarketVariance, trainTicker } = await import("../../src/server/forecast");
const { readSeriesCsv } = await import("../../src/server/forecast/data");
const { MODELS } = await import("../../src/server/forecast/model-list");
const { getDb, closeDb } = await import("../../src/lib/db");
const { Prisma } = await import("../../src/generated/prisma/client");
const { loadStoredBacktestBytes, saveStoredBacktestBytes } = await import("../../src/server/registry");
type ModelName = import("../../src/server/forecast/vocabulary").ModelName;

const series = readSeriesCsv({ symbol });
const db = await getDb();
const out: Record<string, unknown>[] = [];
for (const model of models as ModelName[]) {
  const t0 = performance.now();
  const trained = await trainTicker({ specs: MODELS, series, models: [model], ensembleMembers: [], version: "bench", market: shippedMarketVariance() });
  const trainS = (performance.now() - t0) / 1000;
  const next = mergeStored({ update: trained.stores[0]!.update })!;
  // Before: the calling thread made the Json columns and upserted them (registry/stored-backtests.ts until
  // 2026-12-07); now: the training thread merges and encodes, the calling thread writes the bytes. Three
  // writes each, alternating; the median is printed.
  const before: number[] = [];
  const now: number[] = [];
  const encode: number[] = [];
  let stateGz = new Uint8Array() as Uint8Array<ArrayBuffer>;
  for (let rep = 0; rep < 3; rep++) {
    const b0 = performance.now();
    const origins = next.origins.map((o) => ({ ...o, modelSd: { ...o.modelSd } })) as unknown as object[];
    const json = (v: unknown) => (v ? (JSON.parse(JSON.stringify(v)) as object) : Prisma.DbNull);
    const cols = { configHash: next.configHash, origins, finalFit: json(next.final), fits: json(next.fits), stateGz: null };
    await db.backtestStore.upsert({ where: { symbol_model: { symbol, model } }, create: { symbol, model, ...cols }, update: cols });
    before.push(performance.now() - b0);
    const e0 = performance.now();
    stateGz = encodeStored(next) as Uint8Array<ArrayBuffer>;
    encode.push(performance.now() - e0);
    const w0 = performance.now();
    await saveStoredBacktestBytes({ symbol, model: model as ModelName, configHash: next.configHash, stateGz });
    now.push(performance.now() - w0);
  }
  const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[1]!.toFixed(1);
  const r0 = performance.now();
  await loadStoredBacktestBytes({ symbol, models: [model as ModelName] });
  const readBytesMs = performance.now() - r0;
  out.push({
    symbol,
    model,
    trainS: +trainS.toFixed(1),
    jsonBytes: Buffer.byteLength(JSON.stringify(next)),
    gzBytes: stateGz.byteLength,
    jsonWriteMs: median(before),
    gzWriteMs: median(now),
    encodeOnWorkerMs: median(encode),
    readBytesMs: +readBytesMs.toFixed(1),
  });
}
await closeDb();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({ at: new Date().toISOString(), loadavg: loadavg().map((l) => +l.toFixed(2)), results: out }, null, 2));
