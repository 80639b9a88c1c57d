// Small LSTM on 10-day windows of standardized technical features, predicting the standardized h-day log
// returns of all horizons at once. Trained with tfjs (wasm, loaded only when fitting) using seeded
// initializers and a seeded batch order, early stopping on the most recent samples and a wall-clock
// budget; predictions run in plain TypeScript from the stored weights, so a loaded state never touches tfjs.
import { defineModel } from "../define-model";
import { decodeF32, encodeF32 } from "../trees/codec";
import { horizonsOf, makeForecasts } from "../point";
import { HORIZON_KEYS, HORIZONS, type FittedModel, type HorizonKey, type ModelSpec, type ModelState } from "../types";
import { FEATURE_NAMES } from "../features";
import { buildTrainingSet, checkFeatureNames, recentFeatures } from "./ml-dataset";
import { forwardLstm, type LstmShape, type LstmWeights } from "./lstm-forward";

type Trainer = Pick<typeof import("./lstm-train"), "trainNetwork">;
let trainerModule: Promise<Trainer> | undefined;

/**
 * Hands the LSTM its tfjs training loop, imported statically by the caller. The training worker threads do
 * this: they run the sources through tsx's require hook, under which a dynamic import() of a TypeScript
 * file cannot be resolved. Everywhere else the loop is imported on the first fit.
 */
export function provideLstmTrainer(trainer: Trainer): void {
  trainerModule = Promise.resolve(trainer);
}

const FORMAT = 1;

export interface LstmHyper {
  horizons: HorizonKey[];
  /** Training samples (windows) taken from the most recent bars. */
  window: number;
  steps: number;
  units: number;
  maxEpochs: number;
  patience: number;
  batchSize: number;
  learningRate: number;
  validationFraction: number;
  /** Training stops at the end of the epoch that crosses this budget, keeping the best weights so far. */
  timeBudgetMs: number;
  /** Standardized inputs are clipped to +-clip so crash days do not saturate the gates. */
  clip: number;
  /** Per-step inputs. Lagged returns beyond lag 1 are left out: the sequence itself carries them. */
  inputs: string[];
  seed: number;
}

// Window 600, 8 epochs, patience 2 and a refit every 252 origins (was 1200, 12, 3 and 126): chosen on the
// development window (docs/forecasting.md, "LSTM training cost"), where the scores did not get worse.
export const LSTM_DEFAULTS: Omit<LstmHyper, "horizons" | "seed"> = {
  window: 600,
  // 10 steps train ~3x faster than 20 in tfjs-wasm; on the AR(1) check the validation loss was no worse.
  steps: 10,
  units: 16,
  maxEpochs: 8,
  patience: 2,
  batchSize: 64,
  learningRate: 0.003,
  validationFraction: 0.15,
  // A safety net only (see trainNetwork): 8 epochs of 600 windows take ~1 s on this 2-core machine.
  timeBudgetMs: 60_000,
  clip: 5,
  inputs: FEATURE_NAMES.filter((f) => !/^ret_lag([2-9]|10)$/.test(f)),
};

interface Scaler {
  mean: number[];
  sd: number[];
}

interface Params {
  featureNames: string[];
  shape: LstmShape;
  inputScaler: Scaler;
  targetScaler: Scaler;
  weights: Record<keyof LstmWeights, string>;
  /** Epoch of the kept weights (0: the warm start's own weights were best on validation). */
  epochs: number;
  /** Started from an earlier fit's weights (see warmStart). */
  warmStarted?: boolean;
  /** What ended training: the epoch cap, patience (early stopping) or the safety time budget. */
  stoppedBy: "max_epochs" | "patience" | "time_budget";
  validationLoss: number[];
  /** Per output, least-squares scale of the validation predictions, clamped to [0, 1]. */
  shrink: number[];
}

/**
 * Daily returns are mostly noise, so a network's raw outputs overstate what it knows. Scaling each
 * output by the slope of validation targets on validation predictions (never above 1, never negative)
 * shrinks weak outputs toward the training-mean return.
 */
function shrinkFactors(pred: ArrayLike<number>, y: ArrayLike<number>, outputs: number): number[] {
  return Array.from({ length: outputs }, (_, k) => {
    let py = 0;
    let pp = 0;
    for (let i = k; i < pred.length; i += outputs) {
      py += pred[i] * y[i];
      pp += pred[i] * pred[i];
    }
    return pp > 0 ? Math.min(1, Math.max(0, py / pp)) : 0;
  });
}

function standardize(v: number, mean: number, sd: number, clip: number): number {
  const z = (v - mean) / sd;
  if (!Number.isFinite(z)) return 0;
  return z > clip ? clip : z < -clip ? -clip : z;
}

function build(hyper: LstmHyper, params: Params, weights: LstmWeights): FittedModel {
  const { shape, inputScaler: xs, targetScaler: ys } = params;
  const cols = inputColumns(hyper.inputs);
  return {
    name: "lstm",
    predict: (series) => {
      const fm = recentFeatures({ series, count: shape.steps });
      const x = new Float64Array(shape.steps * shape.inputs);
      // A series shorter than the window is padded at the front with the mean (zero after scaling).
      const pad = shape.steps - fm.rows;
      for (let t = 0; t < fm.rows; t++) {
        cols.forEach((c, j) => {
          x[(t + pad) * shape.inputs + j] = Math.fround(standardize(fm.data[t * fm.cols + c], xs.mean[j], xs.sd[j], hyper.clip));
        });
      }
      const out = forwardLstm({ shape, weights, x });
      return makeForecasts({
        series,
        horizons: hyper.horizons,
        logReturn: (_, h) => {
          const k = hyper.horizons.indexOf(h);
          return params.shrink[k] * out[k] * ys.sd[k] + ys.mean[k];
        },
      });
    },
    toState: (): ModelState => ({ name: "lstm", format: FORMAT, hyperparameters: { ...hyper }, params }),
  };
}

function inputColumns(inputs: string[]): number[] {
  return inputs.map((name) => {
    const j = FEATURE_NAMES.indexOf(name);
    if (j < 0) throw new Error(`lstm: unknown input feature ${name}`);
    return j;
  });
}

function scalerOf(values: (j: number, i: number) => number, cols: number, rows: number): Scaler {
  const mean: number[] = [];
  const sd: number[] = [];
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += values(j, i);
    const m = s / rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) ss += (values(j, i) - m) ** 2;
    mean.push(m);
    sd.push(Math.sqrt(ss / rows) || 1);
  }
  return { mean, sd };
}

function decodeWeights(w: Params["weights"]): LstmWeights {
  return {
    kernel: decodeF32(w.kernel),
    recurrent: decodeF32(w.recurrent),
    bias: decodeF32(w.bias),
    denseKernel: decodeF32(w.denseKernel),
    denseBias: decodeF32(w.denseBias),
  };
}

/** An earlier LSTM fit's weights to start from, when its network has this shape. */
function warmWeights(warm: ModelState | undefined, shape: LstmShape): LstmWeights | undefined {
  if (warm?.name !== "lstm") return undefined;
  const p = warm.params as Params;
  const same = p.shape && (["steps", "inputs", "units", "outputs"] as const).every((k) => p.shape[k] === shape[k]);
  return same ? decodeWeights(p.weights) : undefined;
}

async function fitLstm(series: Parameters<ModelSpec["fit"]>[0], hyper: LstmHyper, warm?: ModelState): Promise<FittedModel> {
  const started = Date.now();
  const { steps, horizons } = hyper;
  const maxH = Math.max(...horizons.map((h) => HORIZONS[h]));
  const set = buildTrainingSet({ series, window: hyper.window + steps - 1 + maxH });
  const inCols = inputColumns(hyper.inputs);
  const cols = inCols.length;
  // A sample ends at row e when its steps rows are consecutive bars and every horizon's target is known.
  const ends: number[] = [];
  for (let e = steps - 1; e < set.rows; e++) {
    if (set.seriesIndex[e] - set.seriesIndex[e - steps + 1] !== steps - 1) continue;
    if (horizons.every((h) => Number.isFinite(set.y[h][e]))) ends.push(e);
  }
  if (ends.length < 100) throw new Error(`lstm: ${series.symbol} has too few complete windows (${ends.length})`);
  const inputScaler = scalerOf((j, i) => set.X[i * set.cols + inCols[j]], cols, set.rows);
  const targetScaler = scalerOf((k, i) => set.y[horizons[k]][ends[i]], horizons.length, ends.length);

  const n = ends.length;
  const xBuf = new Float32Array(n * steps * cols);
  const yBuf = new Float32Array(n * horizons.length);
  ends.forEach((e, s) => {
    for (let t = 0; t < steps; t++) {
      const r = e - steps + 1 + t;
      for (let j = 0; j < cols; j++) {
        xBuf[(s * steps + t) * cols + j] = standardize(set.X[r * set.cols + inCols[j]], inputScaler.mean[j], inputScaler.sd[j], hyper.clip);
      }
    }
    horizons.forEach((h, k) => (yBuf[s * horizons.length + k] = (set.y[h][e] - targetScaler.mean[k]) / targetScaler.sd[k]));
  });
  const nValid = Math.floor(n * hyper.validationFraction);
  const nTrain = n - nValid - maxH; // overlapping targets: keep a gap before the validation tail
  const shape: LstmShape = { steps, inputs: cols, units: hyper.units, outputs: horizons.length };

  const { trainNetwork } = await (trainerModule ??= import("./lstm-train"));
  const init = warmWeights(warm, shape);
  const { best, bestEpoch, validationLoss, bestValid, stoppedBy } = await trainNetwork({ xBuf, yBuf, n, nTrain, nValid, shape, hyper, started, init });
  const yValidBuf = yBuf.subarray((n - nValid) * horizons.length);
  const params: Params = {
    featureNames: set.names,
    shape,
    inputScaler,
    targetScaler,
    weights: {
      kernel: encodeF32(best.kernel),
      recurrent: encodeF32(best.recurrent),
      bias: encodeF32(best.bias),
      denseKernel: encodeF32(best.denseKernel),
      denseBias: encodeF32(best.denseBias),
    },
    epochs: bestEpoch,
    warmStarted: Boolean(init),
    stoppedBy,
    validationLoss,
    shrink: shrinkFactors(bestValid, yValidBuf, horizons.length),
  };
  return build(hyper, params, best);
}

export const lstmModel: ModelSpec<"lstm"> = defineModel({
  name: "lstm",
  label: "LSTM",
  features: LSTM_DEFAULTS.inputs,
  refitEvery: 252,
  // Every fourth refit (every four years) is cold; the ones between and the final fit start from its weights.
  // On MSFT and JPM (2026-12-02) a warm fit took 0.6-2.0 s against 1.8-2.8 s cold, with a lower validation loss.
  warmStart: { coldEvery: 4 },
  format: FORMAT,
  config: LSTM_DEFAULTS,
  // A shrink of 0 leaves only the training-mean return of that output.
  fellBack: (model) => {
    const st = model.toState();
    const shrink = (st.params as { shrink: number[] }).shrink;
    return horizonsOf(st.hyperparameters).filter((_h, k) => shrink[k] === 0);
  },
  fit: (series, opts) =>
    fitLstm(series, { ...LSTM_DEFAULTS, horizons: opts?.horizons ?? [...HORIZON_KEYS], seed: opts?.seed ?? 42 }, opts?.warm),
  load: (state) => {
    const params = state.params as Params;
    checkFeatureNames(params.featureNames, "lstm");
    const hyper = { ...(state.hyperparameters as unknown as LstmHyper), horizons: horizonsOf(state.hyperparameters) };
    const weights = decodeWeights(params.weights);
    const { inputs, units, outputs } = params.shape;
    if (weights.kernel.length !== inputs * 4 * units || weights.denseKernel.length !== (units + inputs) * outputs) {
      throw new Error("lstm: weight shapes do not match the stored network shape");
    }
    if (!Array.isArray(params.shrink) || params.shrink.length !== outputs) throw new Error("lstm: state lacks shrink factors");
    return build(hyper, params, weights);
  },
});

/** Test hook: fit with overridden hyperparameters (smaller window or budget). */
export function fitLstmWith(series: Parameters<ModelSpec["fit"]>[0], overrides: Partial<LstmHyper>, warm?: ModelState): Promise<FittedModel> {
  return fitLstm(series, { ...LSTM_DEFAULTS, horizons: [...HORIZON_KEYS], seed: 42, ...overrides }, warm);
}
