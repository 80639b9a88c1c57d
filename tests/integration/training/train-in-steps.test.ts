import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { trainSymbol } from "@/server/training/train-symbol";
import { loadStoredBacktests, loadStoredVolatility } from "@/server/registry";
import { inngestFunction } from "../../support/job-functions";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// The hosted shape: with Inngest configured, train-models runs each model of a symbol in its own step.
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { INNGEST_DEV: "1" } });
});
afterAll(async () => env?.teardown());

const engine = () => new InngestTestEngine({ function: inngestFunction("train-models"), transformCtx: (ctx) => mockCtx(ctx) });
// The steps of the training itself (the wrapper's own job-* steps keep the job row current).
const stepNames = (ctx: { step: { run: unknown } }) =>
  (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map((c) => c[0]).filter((n) => !n.startsWith("job-"));
const event = { name: "models/training.requested", data: { symbols: ["MSFT"], models: ["drift", "ensemble"], reason: "manual" } };

async function metrics(version: string) {
  const rows = await (await getDb()).modelVersion.findMany({ where: { symbol: "MSFT", version }, include: { metrics: { orderBy: { horizon: "asc" } } }, orderBy: { model: "asc" } });
  return rows.map((v) => ({ model: v.model, status: v.status, metrics: v.metrics.map(({ id: _i, modelVersionId: _m, createdAt: _c, ...m }) => m) }));
}

describe("training under Inngest", () => {
  it("runs one step per model, the ensemble's from its members' stored backtests, and registers each model", async () => {
    const { result, ctx } = await engine().execute({ events: [event] });
    expect(stepNames(ctx)).toEqual(["plan-MSFT", "train-MSFT-naive", "train-MSFT-drift", "train-MSFT-ensemble", "finish-MSFT", "predict-MSFT"]);
    const r = result as { symbols: { symbol: string; version: string; trainedTo: string; models: { model: string; status: string }[] }[] };
    expect(r.symbols).toHaveLength(1);
    expect(r.symbols[0]).toMatchObject({ symbol: "MSFT", trainedTo: "2024-03-08" });
    expect(r.symbols[0].models.map((m) => [m.model, m.status])).toEqual([["naive", "active"], ["drift", "active"], ["ensemble", "active"]]);
    const db = await getDb();
    const stores = await loadStoredBacktests({ symbol: "MSFT", models: ["drift", "naive"] });
    expect(Object.entries(stores).map(([m, s]) => [m, s.origins.length]).sort()).toEqual([["drift", 630], ["naive", 630]]);
    // The first step fitted the volatility plan and stored it before registering naive; the later steps
    // reused every fit, so they wrote nothing (a step that computed a fit writes the row before its model).
    const vol = (await db.volatilityStore.findUnique({ where: { symbol: "MSFT" }, select: { updatedAt: true } }))!;
    const fits = (await loadStoredVolatility({ symbol: "MSFT" }))!.fits.length;
    expect(fits).toBeGreaterThanOrEqual(4 * 60);
    const naive = (await db.modelVersion.findFirst({ where: { symbol: "MSFT", model: "naive", version: r.symbols[0].version } }))!;
    expect(vol.updatedAt.getTime()).toBeLessThan(naive.createdAt.getTime());

    // The same models trained in one piece (the embedded path) give the same figures, the ensemble's included.
    const whole = await trainSymbol({ symbol: "MSFT", models: ["drift", "ensemble"], reason: "manual" });
    expect(whole.backtests.map((b) => [b.model, b.computed])).toEqual([["naive", 0], ["drift", 0]]);
    expect(whole.volatility).toEqual({ computed: 0, reused: fits, finalsComputed: 0 });
    const stepped = await metrics(r.symbols[0].version);
    const single = await metrics(whole.version);
    expect(single.map((m) => m.model)).toEqual(["drift", "ensemble", "naive"]);
    expect(stepped.map((m) => m.metrics)).toEqual(single.map((m) => m.metrics));
  });

  it("a retrain with no new bars reuses every stored origin", async () => {
    const db = await getDb();
    const written = () => db.backtestStore.findMany({ where: { symbol: "MSFT" }, select: { model: true, updatedAt: true }, orderBy: { model: "asc" } });
    const volWritten = () => db.volatilityStore.findMany({ where: { symbol: "MSFT" }, select: { updatedAt: true } });
    const before = await written();
    const volBefore = await volWritten();
    const { ctx } = await engine().execute({ events: [event] });
    expect(stepNames(ctx)).toContain("train-MSFT-ensemble");
    // Nothing was recomputed, so nothing was written: the stores are those of the first run.
    expect(await written()).toEqual(before);
    expect(volBefore).toHaveLength(1);
    expect(await volWritten()).toEqual(volBefore);
    expect(before.map((r) => r.model)).toEqual(["drift", "naive"]);
  });
});
