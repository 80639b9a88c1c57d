import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { decodeVolStore, encodeVolStore } from "@/server/forecast";
import type { StoredVolPlan, VolStoreUpdate } from "@/server/forecast";
import { loadStoredVolatility, loadStoredVolatilityBytes, saveStoredVolatility } from "@/server/registry";
import { trainSymbol } from "@/server/training/train-symbol";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// volatility_stores rows hold the fits as gzip JSON bytes (state_gz, made on the training thread since
// 2026-12-07); rows written before hold them in the Json columns fits / finals, still read.
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { FORECAST_WORKERS: "1" } });
});
afterAll(async () => env?.teardown());

const garch = (omega: number) => ({ model: "garch", params: { omega, alpha: 0.08, beta: 0.9, gamma: 0, mu: 0.0004 } }) as unknown as StoredVolPlan["fits"][number]["state"];
const update: VolStoreUpdate = {
  configHash: "vol-a",
  firstIndex: 21,
  computed: [
    { model: "garch", index: 21, fingerprint: "f21", state: garch(1e-6) },
    { model: "har", index: 42, fingerprint: "f42", state: { model: "har", byStep: { "1": { market: null, plain: { b: [0.1, 0.2, 0.3] } } } } },
  ] as unknown as VolStoreUpdate["computed"],
  reused: 0,
  lastFingerprint: "f50",
  finals: [{ horizon: "1d", model: "garch", fingerprint: "f50", state: garch(3e-6) }] as unknown as VolStoreUpdate["finals"],
  finalsComputed: 1,
};

describe("volatility_stores rows", () => {
  it("the codec round-trips a plan", () => {
    const plan: StoredVolPlan = { configHash: "vol-a", fits: update.computed, finals: update.finals };
    const bytes = encodeVolStore(plan);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(decodeVolStore(bytes)).toEqual(plan);
  });

  it("a plan written as bytes reads back equal, the Json columns empty", async () => {
    await saveStoredVolatility({ symbol: "ZZV", update });
    const row = (await (await getDb()).volatilityStore.findUnique({ where: { symbol: "ZZV" } }))!;
    expect(row.stateGz!.length).toBeGreaterThan(0);
    expect([row.fits, row.finals, row.configHash]).toEqual([null, null, "vol-a"]);
    expect(await loadStoredVolatility({ symbol: "ZZV" })).toEqual({ configHash: "vol-a", fits: update.computed, finals: update.finals });
    // Training gets the bytes themselves (its thread decodes them).
    expect(await loadStoredVolatilityBytes({ symbol: "ZZV" })).toBeInstanceOf(Uint8Array);
    expect(await loadStoredVolatility({ symbol: "NONE" })).toBeUndefined();
  });

  it("a training reuses an older row's Json fits (its thread is handed the plan) and moves the row to bytes", async () => {
    const first = await trainSymbol({ symbol: "MSFT", models: ["naive"], reason: "manual" });
    expect(first.volatility.computed).toBeGreaterThan(100);
    const db = await getDb();
    const plan = (await loadStoredVolatility({ symbol: "MSFT" }))!;
    expect(plan.fits).toHaveLength(first.volatility.computed);
    // The row as a write before state_gz left it.
    const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as object[];
    await db.volatilityStore.update({ where: { symbol: "MSFT" }, data: { stateGz: null, fits: json(plan.fits), finals: json(plan.finals) } });
    const older = await loadStoredVolatilityBytes({ symbol: "MSFT" });
    expect(older).not.toBeInstanceOf(Uint8Array);
    expect(older).toEqual(plan);
    const again = await trainSymbol({ symbol: "MSFT", models: ["drift"], reason: "manual" });
    expect(again.volatility).toEqual({ computed: 0, reused: first.volatility.computed, finalsComputed: 0 });
    // Nothing new: the older row is left as it is until a run computes something.
    expect((await db.volatilityStore.findUnique({ where: { symbol: "MSFT" } }))!.stateGz).toBeNull();
    // A run that computes something writes bytes and clears the Json columns.
    await db.volatilityStore.update({ where: { symbol: "MSFT" }, data: { fits: json(plan.fits.slice(0, -3)) } });
    const refit = await trainSymbol({ symbol: "MSFT", models: ["naive"], reason: "manual" });
    expect(refit.volatility.computed).toBeGreaterThan(0);
    const row = (await db.volatilityStore.findUnique({ where: { symbol: "MSFT" } }))!;
    expect([row.fits, row.finals, row.stateGz === null]).toEqual([null, null, false]);
    expect((await loadStoredVolatility({ symbol: "MSFT" }))!.fits).toHaveLength(plan.fits.length);
  }, 240_000);
});
