import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { readSeriesCsv, sliceSeries, windowSeries } from "@/server/forecast/data";
import { expectNoLookAhead } from "./look-ahead";
import { fitLstmWith, lstmModel } from "@/server/forecast/models/lstm";
import { buildTfModel, ensureTfBackend, forwardLstm, modelInputs, readWeights, type LstmShape } from "@/server/forecast/models/lstm-net";
import { createRng } from "@/server/forecast/trees/rng";
import { expectRoundTrip, expectWellFormed, oneDayPredictions } from "./ml-model-checks";
import { ar1PriceSeries } from "./ml-synthetic";

const aapl = readSeriesCsv({ symbol: "AAPL" });
const small = { window: 400, units: 8, maxEpochs: 4, timeBudgetMs: 60_000 };

describe("LSTM model", () => {
  it("runs on the tfjs wasm backend, and the TypeScript forward pass matches tfjs", async () => {
    await ensureTfBackend();
    expect(tf.getBackend()).toBe("wasm");
    const shape: LstmShape = { steps: 20, inputs: 29, units: 16, outputs: 3 };
    const model = buildTfModel({ shape, seed: 5, learningRate: 0.01 });
    // Non-zero biases so every weight array is exercised.
    const w = model.getWeights();
    model.setWeights([w[0], w[1], tf.randomNormal([64], 0, 0.5, "float32", 1), w[3], tf.randomNormal([3], 0, 0.5, "float32", 2)]);
    const weights = readWeights(model);
    const rng = createRng(3);
    for (let k = 0; k < 5; k++) {
      const x = Float32Array.from({ length: 20 * 29 }, () => rng.next() * 4 - 2);
      const expected = (model.predict(modelInputs(tf.tensor3d(x, [1, 20, 29]))) as tf.Tensor).dataSync();
      const got = forwardLstm({ shape, weights, x: Float64Array.from(x) });
      for (let o = 0; o < 3; o++) expect(got[o]).toBeCloseTo(expected[o], 5);
    }
    model.dispose();
  });

  it("learns predictable structure: on an AR(1) return series its 1-day forecasts track the realized return", async () => {
    const series = ar1PriceSeries({ bars: 2100, phi: -0.5, sigma: 0.01, seed: 4 });
    const model = await fitLstmWith(sliceSeries(series, 1900), { window: 900, units: 8, maxEpochs: 10, timeBudgetMs: 60_000 });
    const { corr } = oneDayPredictions({ model, series, from: 1900, to: 2100 });
    expect(corr).toBeGreaterThan(0.3);
  });

  it("fits 10 years of AAPL, round-trips its state", async () => {
    const model = await lstmModel.fit(aapl, { seed: 7 });
    // With the default settings the epoch cap or early stopping ends training, never the clock.
    const params = model.toState().params as { stoppedBy: string; epochs: number };
    expect(["max_epochs", "patience"]).toContain(params.stoppedBy);
    expectWellFormed(model, aapl);
    await expectRoundTrip(lstmModel, model, aapl);
  });

  it("never looks ahead inside a walk-forward backtest: forecasts, intervals and scores before a changed future are unchanged", async () => {
    const recent = windowSeries(aapl, aapl.dates.length - 1500);
    await expectNoLookAhead({ spec: lstmModel, series: recent, cut: recent.dates.length - 40, origins: 80, warmup: 70, refitEvery: 1000, horizons: ["1d", "1w"], seed: 7 });
    // Two walk-forward backtests with fits: long on a shared machine, and no timing is asserted.
  }, 300_000);

  it("is repeatable for a seed and differs across seeds", async () => {
    const train = sliceSeries(aapl, 3000);
    await ensureTfBackend();
    const tensorsBefore = tf.memory().numTensors;
    const a = await fitLstmWith(train, { ...small, seed: 3 });
    // Training releases every tensor it made (weights, optimizer slots, batches, initializer temporaries).
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const b = await fitLstmWith(train, { ...small, seed: 3 });
    const c = await fitLstmWith(train, { ...small, seed: 4 });
    expect(JSON.stringify(b.toState())).toBe(JSON.stringify(a.toState()));
    expect(JSON.stringify(c.toState())).not.toBe(JSON.stringify(a.toState()));
    expect(b.predict(train)).toEqual(a.predict(train));
  });

  it("a warm start begins from the earlier fit's weights, keeps them when no epoch beats them, and is repeatable", async () => {
    const anchor = await fitLstmWith(sliceSeries(aapl, 2800), { ...small, seed: 3 });
    const train = sliceSeries(aapl, 3000);
    const weightsOf = (m: { toState(): { params: unknown } }) => (m.toState().params as { weights: unknown }).weights;
    const paramsOf = (m: { toState(): { params: unknown } }) => m.toState().params as { warmStarted: boolean; epochs: number; validationLoss: number[] };
    // No epoch at all: the result is the anchor's network, evaluated on this window's validation tail.
    const kept = await fitLstmWith(train, { ...small, maxEpochs: 0 }, anchor.toState());
    expect(weightsOf(kept)).toEqual(weightsOf(anchor));
    expect(paramsOf(kept)).toMatchObject({ warmStarted: true, epochs: 0, validationLoss: [] });
    const cold = await fitLstmWith(train, { ...small, maxEpochs: 0 });
    expect(weightsOf(cold)).not.toEqual(weightsOf(anchor));
    expect(paramsOf(cold).warmStarted).toBe(false);
    // Trained from there: different weights, the same for the same anchor, data and seed.
    const a = await fitLstmWith(train, small, anchor.toState());
    const b = await fitLstmWith(train, small, anchor.toState());
    expect(JSON.stringify(b.toState())).toBe(JSON.stringify(a.toState()));
    expect(paramsOf(a).warmStarted).toBe(true);
    expect(paramsOf(a).validationLoss.length).toBeGreaterThan(0);
    // A state of another model is no warm start.
    const other = await fitLstmWith(train, small, { name: "arima", format: 1, hyperparameters: {}, params: {} });
    expect(paramsOf(other).warmStarted).toBe(false);
  });
});
