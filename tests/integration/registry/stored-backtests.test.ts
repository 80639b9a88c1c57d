import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { storage } from "@/lib/storage";
import { parseArtifact } from "@/server/forecast/artifacts";
import { resetServicesForTests } from "@/lib/services";
import { BACKTEST_DEFAULTS, refitEveryOf } from "@/server/forecast/backtest";
import { refitOriginOf, type StoredFit, type StoredOrigin } from "@/server/forecast/backtest-store";
import { getModelSpec } from "@/server/forecast/model-list";
import type { StoredVolFit } from "@/server/forecast/volatility/store";
import { trainSymbol } from "@/server/training/train-symbol";
import { loadStoredBacktests, loadStoredVolatility } from "@/server/registry";
import type { ModelName } from "@/server/forecast/vocabulary";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// The shipped AAPL bars, written to a market folder the test rewrites: first without the last five bars,
// then whole, then with one past bar corrected.
const [header, ...bars] = readFileSync("data/AAPL.csv", "utf8").trim().split(/\r?\n/);
const MODELS = ["naive", "drift", "arima", "ensemble"];
const BACKTESTED = ["naive", "drift", "arima"];

let marketDir: string;
let env: PredictionsTestEnv;
const writeBars = async (rows: string[]) => {
  writeFileSync(join(marketDir, "AAPL.csv"), [header, ...rows].join("\n") + "\n");
  // The market layer caches parsed files and bars: start from the new file.
  await resetServicesForTests();
};

/** Every stored origin of AAPL, one record per model and origin. */
async function storedRows() {
  const stored = await loadStoredBacktests({ symbol: "AAPL", models: BACKTESTED as ModelName[] });
  return Object.entries(stored)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([model, s]) => s.origins.map((o: StoredOrigin) => ({ model, configHash: s.configHash, ...o })));
}

/** AAPL's stored volatility fits (one row per symbol). */
async function storedVol() {
  const row = await (await getDb()).volatilityStore.findUnique({ where: { symbol: "AAPL" }, select: { updatedAt: true } });
  const plan = await loadStoredVolatility({ symbol: "AAPL" });
  return row && plan ? { configHash: plan.configHash, fits: plan.fits as StoredVolFit[], finals: plan.finals as unknown[], updatedAt: row.updatedAt } : null;
}

/** The walk-forward fits stored per model: refit origin, its fingerprint and the fitted state. */
async function storedFits() {
  const stored = await loadStoredBacktests({ symbol: "AAPL", models: BACKTESTED as ModelName[] });
  return Object.entries(stored)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, s]) => ({ model, fits: (s.fits ?? []) as StoredFit[] }));
}

async function metricsOf(version: string) {
  const db = await getDb();
  const rows = await db.modelVersion.findMany({ where: { symbol: "AAPL", version }, include: { metrics: { orderBy: { horizon: "asc" } } }, orderBy: { model: "asc" } });
  return rows.map((v) => ({ model: v.model, metrics: v.metrics.map(({ id: _i, modelVersionId: _m, createdAt: _c, ...m }) => m) }));
}

const statesOf = async (version: string) => {
  const rows = await (await getDb()).modelVersion.findMany({ where: { symbol: "AAPL", version }, orderBy: { model: "asc" } });
  return Promise.all(rows.map(async (r) => parseArtifact(new TextDecoder().decode((await storage.get({ key: r.artifactKey }))!)).state));
};

function expectClose(a: unknown, b: unknown, path = "") {
  if (typeof a === "number" && typeof b === "number") {
    expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-9);
  } else if (a && b && typeof a === "object" && typeof b === "object" && !(a instanceof Date)) {
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a as object).sort());
    for (const k of Object.keys(a as object)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(b, path).toEqual(a);
  }
}

beforeAll(async () => {
  marketDir = mkdtempSync(join(tmpdir(), "stock-hub-stored-backtests-"));
  writeFileSync(join(marketDir, "AAPL.csv"), [header, ...bars].join("\n") + "\n");
  env = await setUpPredictionsEnv({ env: { MARKET_DATA_DIR: marketDir } });
});
afterAll(async () => {
  await env?.teardown();
  rmSync(marketDir, { recursive: true, force: true });
});

describe("stored walk-forward results in Postgres", () => {
  it("a retrain after five new bars computes only the new origins and stores what a full recomputation stores", async () => {
    await writeBars(bars.slice(0, -5));
    const first = await trainSymbol({ symbol: "AAPL", models: MODELS, reason: "manual" });
    for (const b of first.backtests) expect(b.reused).toBe(0);
    expect(first.backtests.map((b) => b.model)).toEqual(BACKTESTED);
    // The volatility plan fitted each of its four models at every 21st bar, and the final fit of each horizon.
    expect(first.volatility.reused).toBe(0);
    expect(first.volatility.finalsComputed).toBe(3);
    expect((await storedVol())!.fits).toHaveLength(first.volatility.computed);
    expect(first.volatility.computed).toBeGreaterThanOrEqual(4 * 60);

    await writeBars(bars);
    const incremental = await trainSymbol({ symbol: "AAPL", models: MODELS, reason: "manual" });
    expect(incremental.backtests.map((b) => [b.model, b.computed])).toEqual(BACKTESTED.map((m) => [m, 5]));
    // The fits serving the old origins were stored in Postgres: only refit origins new since then are fitted.
    const n = bars.length;
    for (const b of incremental.backtests) {
      const schedule = { minTrain: BACKTEST_DEFAULTS.minTrain, refitEvery: refitEveryOf(getModelSpec(b.model)) };
      const newRefits = new Set([2, 3, 4, 5, 6].map((k) => refitOriginOf(n - k, schedule)).filter((r) => r !== refitOriginOf(n - 7, schedule)));
      expect(b.fits, b.model).toBe(newRefits.size);
    }
    const origins = incremental.backtests[0].reused + 5;
    expect(origins).toBe(504 + 126); // scored and warm-up origins
    const afterIncremental = await storedRows();
    const fitsAfterIncremental = await storedFits();
    expect(afterIncremental).toHaveLength(3 * origins);
    const incrementalMetrics = await metricsOf(incremental.version);
    // The five new bars hold no refit bar (multiples of 21): every volatility fit comes from the store, and
    // only the final fits (the last bar changed) are refitted.
    const volAfterIncremental = (await storedVol())!;
    expect(incremental.volatility).toEqual({ computed: 0, reused: volAfterIncremental.fits.length, finalsComputed: 3 });
    expect(volAfterIncremental.fits.every((f) => f.index % 21 === 0)).toBe(true);

    // A full recomputation from empty stores.
    await (await getDb()).backtestStore.deleteMany({});
    await (await getDb()).volatilityStore.deleteMany({});
    const fresh = await trainSymbol({ symbol: "AAPL", models: MODELS, reason: "manual" });
    for (const b of fresh.backtests) expect([b.computed, b.reused]).toEqual([origins, 0]);
    expect(fresh.volatility).toEqual({ computed: volAfterIncremental.fits.length, reused: 0, finalsComputed: 3 });
    expectClose(await storedRows(), afterIncremental);
    const { updatedAt: freshWritten, ...volFresh } = (await storedVol())!;
    const { updatedAt: _v, ...volIncremental } = volAfterIncremental;
    expect(volFresh).toEqual(volIncremental);
    expect(await storedFits()).toEqual(fitsAfterIncremental);
    expect(fitsAfterIncremental.find((f) => f.model === "arima")!.fits.length).toBeGreaterThan(0);
    const freshMetrics = await metricsOf(fresh.version);
    expect(freshMetrics.map((m) => m.model)).toEqual(["arima", "drift", "ensemble", "naive"]);
    expectClose(freshMetrics, incrementalMetrics);

    // No new bars: nothing is recomputed, and the final fits are the stored ones (the same model states).
    const again = await trainSymbol({ symbol: "AAPL", models: MODELS, reason: "manual" });
    expect(again.backtests.map((b) => [b.model, b.computed, b.reused])).toEqual(BACKTESTED.map((m) => [m, 0, origins]));
    expect(again.volatility).toEqual({ computed: 0, reused: volAfterIncremental.fits.length, finalsComputed: 0 });
    // Nothing new, so the volatility row was not written again.
    expect((await storedVol())!.updatedAt).toEqual(freshWritten);
    expectClose(await metricsOf(again.version), freshMetrics);
    expect(await statesOf(again.version)).toEqual(await statesOf(fresh.version));
  });

  it("a corrected past bar recomputes exactly the origins from its date on", async () => {
    const at = bars.length - 40;
    const cells = bars[at].split(",");
    const fixed = [...bars];
    fixed[at] = [cells[0], ...cells.slice(1, 6).map((v) => String(Number(v) * 1.02)), cells[6]].join(",");
    // The store holds every origin of the uncorrected bars (a no-op retrain after the test above).
    await writeBars(bars);
    await trainSymbol({ symbol: "AAPL", models: ["drift"], reason: "manual" });
    const before = await storedRows();
    const volBefore = (await storedVol())!;
    await writeBars(fixed);
    const r = await trainSymbol({ symbol: "AAPL", models: ["drift"], reason: "manual" });
    // The volatility fits from the corrected bar on are refitted (two refit bars per model), the earlier ones kept.
    const volAfter = (await storedVol())!;
    const key = (f: StoredVolFit) => `${f.model}:${f.index}`;
    const old = new Map(volBefore.fits.map((f) => [key(f), f]));
    const changed = volAfter.fits.filter((f) => old.get(key(f))!.fingerprint !== f.fingerprint);
    expect(volAfter.fits).toHaveLength(volBefore.fits.length);
    expect(r.volatility).toEqual({ computed: changed.length, reused: volBefore.fits.length - changed.length, finalsComputed: 3 });
    expect(changed.length).toBe(8);
    const firstChanged = Math.min(...changed.map((f) => f.index));
    for (const f of volAfter.fits) if (f.index < firstChanged) expect(f).toEqual(old.get(key(f)));
    // Origins run to the second-to-last bar: from the corrected one that is 39 origins (naive is always trained too).
    expect(r.backtests).toMatchObject(["naive", "drift"].map((model) => ({ model, computed: 39, reused: 504 + 126 - 39 })));
    const after = (await storedRows()).filter((x) => x.model === "drift");
    const date = cells[0];
    const oldRows = new Map(before.filter((x) => x.model === "drift").map((x) => [x.date, x]));
    expect(after).toHaveLength(oldRows.size);
    for (const row of after) {
      const prev = oldRows.get(row.date)!;
      if (row.date < date) expect(row).toEqual(prev);
      else expect(row.fingerprint).not.toBe(prev.fingerprint);
    }
    expect(after.filter((x) => x.date >= date)).toHaveLength(39);
  });
});
