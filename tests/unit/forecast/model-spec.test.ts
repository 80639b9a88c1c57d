import { describe, expect, it } from "vitest";
import { refitEveryOf } from "@/server/forecast/backtest";
import { defineModel } from "@/server/forecast/define-model";
import { MODEL_LABELS, MODEL_NAMES, MODELS } from "@/server/forecast/model-list";
import { naiveModel } from "@/server/forecast/models/naive";

describe("model specs", () => {
  it("carry the names, labels, inputs and refit cadence the list and the backtest read", () => {
    expect(MODEL_NAMES).toEqual(["naive", "drift", "arima", "random_forest", "gbt", "lstm", "prophet", "ensemble"]);
    expect(MODEL_LABELS.random_forest).toBe("Random forest");
    expect(MODEL_LABELS.ensemble).toBe("Ensemble");
    expect(Object.fromEntries(MODELS.map((m) => [m.name, refitEveryOf(m)]))).toEqual({
      naive: 21, drift: 21, arima: 21, random_forest: 63, gbt: 63, lstm: 252, prophet: 63, ensemble: 21,
    });
    expect(MODELS.find((m) => m.name === "gbt")!.features).toContain("ret_lag1");
    expect(MODELS.find((m) => m.name === "ensemble")!.features).toEqual(["member forecasts"]);
    for (const m of MODELS) expect(m.format).toBe(1);
  });

  it("defineModel refuses another model's state, another format and missing params before the model's own load", async () => {
    let loads = 0;
    const spec = defineModel({ ...naiveModel, name: "naive", load: (s) => (loads++, naiveModel.load(s)) });
    const good = (await naiveModel.fit(naiveSeries(), {})).toState();
    expect(() => spec.load({ ...good, name: "drift" as never })).toThrowError("naive: unsupported state drift/1");
    expect(() => spec.load({ ...good, format: 2 })).toThrowError("naive: unsupported state naive/2");
    expect(() => spec.load({ ...good, params: null })).toThrowError("naive: bad params");
    expect(loads).toBe(0);
    await spec.load(good);
    expect(loads).toBe(1);
  });
});

function naiveSeries() {
  const f = Float64Array.from([10, 11]);
  return { symbol: "X", dates: ["2024-01-02", "2024-01-03"], open: f, high: f, low: f, close: f, adjClose: f, volume: f };
}
