// The tfjs training loop of the LSTM. TensorFlow.js itself is loaded by the first fit (ensureTfBackend), so
// importing this file, loading a model and predicting never pull it in. Batches come in a seeded order; the
// best epoch on the validation tail is kept.
import type * as Tf from "@tensorflow/tfjs";
import { createRng, shuffleInPlace } from "../trees/rng";
import type { LstmShape, LstmWeights } from "./lstm-forward";
import { buildTfModel, ensureTfBackend, modelInputs, readWeights } from "./lstm-net";

export interface TrainResult {
  best: LstmWeights;
  bestEpoch: number;
  validationLoss: number[];
  /** Validation predictions of the best epoch (standardized, row-major n x outputs). */
  bestValid: Float32Array;
  stoppedBy: "max_epochs" | "patience" | "time_budget";
}

export async function trainNetwork({
  xBuf,
  yBuf,
  n,
  nTrain,
  nValid,
  shape,
  hyper,
  started,
  init,
}: {
  xBuf: Float32Array;
  yBuf: Float32Array;
  n: number;
  nTrain: number;
  nValid: number;
  shape: LstmShape;
  hyper: { seed: number; learningRate: number; maxEpochs: number; batchSize: number; patience: number; timeBudgetMs: number };
  /** Date.now() when the fit began: the time budget covers data preparation too. */
  started: number;
  /** Warm start: weights to begin from (an earlier fit's); they stay the result unless an epoch beats them on validation. */
  init?: LstmWeights;
}): Promise<TrainResult> {
  const tf = await ensureTfBackend();
  const { steps, inputs: cols } = shape;
  const rng = createRng(hyper.seed);
  const model = buildTfModel({ shape, seed: hyper.seed, learningRate: hyper.learningRate });
  const X = tf.tensor3d(xBuf, [n, steps, cols]);
  const Y = tf.tensor2d(yBuf, [n, shape.outputs]);
  const xValid = X.slice([n - nValid, 0, 0], [nValid, steps, cols]);
  const yValid = Y.slice([n - nValid, 0], [nValid, shape.outputs]);
  const validInputs = modelInputs(xValid);
  const yValidBuf = yBuf.subarray((n - nValid) * shape.outputs);
  let bestValid: Float32Array = new Float32Array(yValidBuf.length);
  const order = Int32Array.from({ length: nTrain }, (_, i) => i);
  const validationLoss: number[] = [];
  const validLoss = (pv: Float32Array) => {
    let loss = 0;
    for (let i = 0; i < pv.length; i++) loss += (pv[i] - yValidBuf[i]) ** 2 / pv.length;
    return loss;
  };
  let bestLoss = Infinity;
  if (init) {
    const { kernel, recurrent, bias, denseKernel, denseBias } = init;
    const shapes = model.getWeights().map((w) => w.shape);
    const tensors = [kernel, recurrent, bias, denseKernel, denseBias].map((v, i) => tf.tensor(v, shapes[i]));
    model.setWeights(tensors);
    tf.dispose(tensors);
    bestValid = tf.tidy(() => (model.predict(validInputs) as Tf.Tensor).dataSync() as Float32Array);
    bestLoss = validLoss(bestValid);
  }
  let best = readWeights(model);
  let bestEpoch = 0;
  // Epoch cap and patience decide when training ends, so a seed gives the same network on any machine;
  // the time budget is only a guard against a pathologically slow one, and the artifact records which stopped it.
  let stoppedBy: "max_epochs" | "patience" | "time_budget" = "max_epochs";
  try {
    for (let epoch = 0; epoch < hyper.maxEpochs; epoch++) {
      shuffleInPlace(order, rng);
      for (let b = 0; b < nTrain; b += hyper.batchSize) {
        const idx = tf.tensor1d(order.subarray(b, Math.min(nTrain, b + hyper.batchSize)), "int32");
        const xb = tf.gather(X, idx) as Tf.Tensor3D;
        const inputs = modelInputs(xb);
        const yb = tf.gather(Y, idx);
        await model.trainOnBatch(inputs, yb);
        tf.dispose([idx, xb, yb, inputs[1]]);
      }
      const pv = tf.tidy(() => (model.predict(validInputs) as Tf.Tensor).dataSync() as Float32Array);
      const loss = validLoss(pv);
      validationLoss.push(loss);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestEpoch = epoch + 1;
        best = readWeights(model);
        bestValid = pv;
      } else if (epoch + 1 - bestEpoch >= hyper.patience) {
        stoppedBy = "patience";
        break;
      }
      if (Date.now() - started > hyper.timeBudgetMs) {
        stoppedBy = "time_budget";
        break;
      }
    }
  } finally {
    tf.dispose([X, Y, xValid, yValid, validInputs[1]]);
    // Compiled with an optimizer instance, the model does not own it: its moment slots need freeing too.
    model.optimizer.dispose();
    model.dispose();
  }
  return { best, bestEpoch, validationLoss, bestValid, stoppedBy };
}
