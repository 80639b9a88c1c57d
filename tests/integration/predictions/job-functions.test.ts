import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { readSeriesCsv } from "@/server/forecast/data";
import { addWeekdays } from "@/server/predictions/trading-days";
import { inngestFunction } from "../../support/job-functions";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv();
});
afterAll(async () => env?.teardown());

// The real functions under @inngest/test; their Job rows and results go to the app database of this test.
const engine = (fn: ConstructorParameters<typeof InngestTestEngine>[0]["function"]) =>
  new InngestTestEngine({ function: fn, transformCtx: (ctx) => mockCtx(ctx) });
const computePrediction = inngestFunction("compute-prediction");
const trainModels = inngestFunction("train-models");
const fillActualsFunction = inngestFunction("fill-actuals");

const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe("job functions", () => {
  it("declare their triggers: events, the weekly training cron and the daily fill-actuals cron", () => {
    expect(computePrediction.opts.triggers).toEqual([{ event: "predictions/forecast.requested" }]);
    expect(trainModels.opts.triggers).toEqual([{ event: "models/training.requested" }, { cron: "TZ=UTC 0 3 * * 0" }]);
    expect(fillActualsFunction.opts.triggers).toEqual([{ event: "predictions/actuals.fill" }, { cron: "TZ=America/New_York 30 18 * * 1-5" }]);
  });

  it("train-models trains each requested symbol in its own step and reports unknown symbols without failing", async () => {
    const { result, ctx } = await engine(trainModels).execute({
      events: [{ name: "models/training.requested", data: { symbols: ["NVDA", "ZZZZ"], models: ["naive"], reason: "manual" } }],
    });
    expect(ctx.step.run).toHaveBeenCalledWith("train-NVDA-naive", expect.any(Function));
    const r = result as { symbols: any[] };
    expect(r.symbols[0]).toMatchObject({ symbol: "NVDA", trainedTo: "2024-03-08", models: [{ model: "naive", status: "active", maeRatio: { "1d": 1, "2d": 1, "1w": 1 } }] });
    expect(r.symbols[1]).toEqual({ symbol: "ZZZZ", error: expect.stringMatching(/ZZZZ/) });
    const db = await getDb();
    expect(await db.modelVersion.count({ where: { symbol: "NVDA", model: "naive", status: "active" } })).toBe(1);
    const row = await db.job.findFirstOrThrow({ where: { name: "models/training.requested" } });
    expect(row).toMatchObject({ status: "done", progress: 1, message: "trained 1 of 2 symbol(s)" });
  });

  it("compute-prediction trains only the models the symbol lacks (naive is active) and forecasts from all of them", async () => {
    const db = await getDb();
    const naive = await db.modelVersion.findFirstOrThrow({ where: { symbol: "NVDA", model: "naive", status: "active" } });
    const { result, ctx } = await engine(computePrediction).execute({
      events: [{ name: "predictions/forecast.requested", data: { symbol: "NVDA" } }],
    });
    const names = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map((c) => c[0]);
    expect(names.filter((n) => !n.startsWith("job-"))).toEqual(["plan-NVDA", "train-NVDA-drift", "train-NVDA-arima", "finish-NVDA", "predict"]);
    const nvda = readSeriesCsv({ dir: "data", symbol: "NVDA" });
    const last = nvda.close[nvda.close.length - 1];
    const r = result as any;
    expect(r.models.map((m: { name: string }) => m.name)).toEqual(["naive", "drift", "arima"]);
    expect(r.stage).toBe("complete");
    expect(r.models[0].version).toBe(naive.version);
    expect(r.models[0].horizons["2d"].price).toBeCloseTo(last, 4);
    expect(await db.modelVersion.count({ where: { symbol: "NVDA", model: "naive" } })).toBe(1);
    // Every served forecast once per model x horizon, the ones written as the models finished included.
    expect(await db.prediction.count({ where: { symbol: "NVDA", userId: null } })).toBe(9);
  });

  it("fill-actuals fills known closes from the shipped data, counting trading days across a holiday", async () => {
    const db = await getDb();
    const aapl = readSeriesCsv({ dir: "data", symbol: "AAPL" });
    const close = (d: string) => aapl.close[aapl.dates.indexOf(d)];
    const base = { symbol: "AAPL", model: "naive", predictedPrice: 180 };
    const [a, b, c, d] = await Promise.all([
      db.prediction.create({ data: { ...base, horizon: 1, originDate: day("2024-03-01"), targetDate: day("2024-03-04") } }),
      db.prediction.create({ data: { ...base, horizon: 5, originDate: day("2024-03-01"), targetDate: day("2024-03-08") } }),
      // 2024-02-19 was Presidents' Day: the next session is 2024-02-20.
      db.prediction.create({ data: { ...base, horizon: 1, originDate: day("2024-02-16"), targetDate: day(addWeekdays({ date: "2024-02-16", days: 1 })) } }),
      // The data set ends 2024-03-08: this outcome is not known yet.
      db.prediction.create({ data: { ...base, horizon: 1, originDate: day("2024-03-08"), targetDate: day("2024-03-11") } }),
    ]);
    // NVDA's nine forecasts from 2024-03-08 (previous test: three models) are due by the calendar but not known yet either.
    const due = await db.prediction.count({ where: { actualPrice: null } });
    expect(due).toBe(13);
    const { result } = await engine(fillActualsFunction).execute({ events: [{ name: "predictions/actuals.fill", data: { reason: "manual" } }] });
    // The ledger holds nothing here: forecasts of the 2024 data set served in the present are no forecasts.
    expect(result).toEqual({ checked: 13, filled: 3, symbols: ["AAPL", "NVDA"], skipped: [], ledger: { checked: 0, scored: 0, skipped: [] } });
    const get = (id: string) => db.prediction.findUniqueOrThrow({ where: { id } });
    expect((await get(a.id)).actualPrice).toBe(close("2024-03-04"));
    expect((await get(b.id)).actualPrice).toBe(close("2024-03-08"));
    const holiday = await get(c.id);
    expect(holiday.actualPrice).toBe(close("2024-02-20"));
    expect(holiday.targetDate.toISOString().slice(0, 10)).toBe("2024-02-20");
    expect(holiday.actualFilledAt).toBeInstanceOf(Date);
    expect((await get(d.id)).actualPrice).toBeNull();
    expect(await db.prediction.count({ where: { symbol: "NVDA", actualPrice: null } })).toBe(9);
  });
});
