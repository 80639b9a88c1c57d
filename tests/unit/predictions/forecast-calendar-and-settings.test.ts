import { afterEach, describe, expect, it } from "vitest";
import { resetServicesForTests } from "@/lib/services";
import { addWeekdays } from "@/server/predictions/trading-days";
import { configuredModels, resolveModels } from "@/server/registry/configured-models";
import { trainingProgress, waitingMessage } from "@/server/training/progress";
import { newVersion } from "@/server/registry/register";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetServicesForTests();
});

describe("target dates", () => {
  it("counts weekdays after the origin", () => {
    expect(addWeekdays({ date: "2024-03-01", days: 1 })).toBe("2024-03-04"); // Friday -> Monday
    expect(addWeekdays({ date: "2024-03-01", days: 2 })).toBe("2024-03-05");
    expect(addWeekdays({ date: "2024-03-08", days: 5 })).toBe("2024-03-15");
    expect(addWeekdays({ date: "2024-03-09", days: 1 })).toBe("2024-03-11"); // Saturday origin
  });
});

describe("FORECAST_MODELS", () => {
  it("defaults to every model and always adds the naive baseline in display order", () => {
    delete process.env.FORECAST_MODELS;
    resetServicesForTests();
    expect(configuredModels()).toEqual(["naive", "drift", "arima", "random_forest", "gbt", "lstm", "prophet", "ensemble"]);
    process.env.FORECAST_MODELS = "prophet, arima";
    resetServicesForTests();
    expect(configuredModels()).toEqual(["naive", "arima", "prophet"]);
  });

  it("names the setting when a model is unknown", () => {
    expect(() => resolveModels(["arima", "oracle"])).toThrow(/^FORECAST_MODELS: Unknown model "oracle"/);
  });
});

describe("versions and progress", () => {
  it("suffixes MODEL_VERSION with a millisecond UTC timestamp, within the artifact's 40 characters", () => {
    process.env.MODEL_VERSION = "v2";
    resetServicesForTests();
    expect(newVersion({ now: new Date("2026-11-22T05:35:00.123Z") })).toBe("v2-20261122T053500123Z");
    process.env.MODEL_VERSION = "x".repeat(40);
    resetServicesForTests();
    expect(newVersion({ now: new Date("2026-11-22T05:35:00.123Z") })).toHaveLength(40);
  });

  it("maps model k of n and its stage onto the job's progress span", () => {
    expect(trainingProgress({ model: "drift", index: 2, total: 4, stage: "backtest" }, { from: 0, to: 1 })).toEqual({
      value: 0.25,
      message: "training model 2 of 4: Drift (walk-forward backtest)",
    });
    // With the run's models and data size: what is left, from the first-start prior (nothing measured in this
    // process): drift's whole step (0.3 s), ARIMA's (1.6 s) and the ensemble's (0.9 s) for ten years of bars.
    const names = ["naive", "drift", "arima", "ensemble"] as const;
    expect(trainingProgress({ model: "drift", index: 2, total: 4, stage: "backtest" }, { from: 0, to: 1, names, bars: 2520 }).message).toBe(
      "training model 2 of 4: Drift (about 3 s left)",
    );
    expect(trainingProgress({ model: "ensemble", index: 4, total: 4, stage: "done" }, { from: 0.05, to: 0.9 }).value).toBeCloseTo(0.9, 12);
  });

  it("names what holds the threads: background work, another person's, or this training's own other model", () => {
    const now = 100_000;
    const held = (lane: "person" | "background", subject: string, what: string, expectMs: number) => ({ lane, subject, what, expectMs, startedAt: now - 2_000 });
    // The first thread to free up decides the wait: 9 s left of 11 s.
    expect(waitingMessage([held("background", "AAPL", "lstm", 30_000), held("background", "MSFT", "arima", 11_000)], now, { symbol: "ORCL", lane: "person" })).toBe(
      "waiting for background training of MSFT (about 9 s), then yours",
    );
    expect(waitingMessage([held("person", "IBM", "gbt", 6_000)], now, { symbol: "ORCL", lane: "person" })).toBe("waiting for another person's training of IBM (about 4 s), then yours");
    // Models of one training run side by side: the job's own other model is not "another person's training".
    expect(waitingMessage([held("person", "ORCL", "random_forest,lstm", 11_000)], now, { symbol: "orcl", lane: "person" })).toBe(
      "waiting for this training's Random forest, LSTM to finish (about 9 s), then the next model",
    );
    expect(waitingMessage([], now)).toBe("waiting for a training thread");
  });
});
