// The LSTM network in TensorFlow.js (wasm backend): building, weight transfer and backend set-up.
// Inference at predict time runs in lstm-forward.ts from the same weights.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { LstmShape, LstmWeights } from "./lstm-forward";

export type { LstmShape, LstmWeights } from "./lstm-forward";
export { forwardLstm } from "./lstm-forward";

let backendReady: Promise<void> | undefined;

function wasmDir(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json");
    const dir = join(dirname(pkg), "dist");
    if (existsSync(join(dir, "tfjs-backend-wasm.wasm"))) return dir;
  } catch {
    // Bundlers may hide the package path; the project root layout is the fallback.
  }
  return join(process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
}

/** Selects the wasm backend once per process (tfjs-node cannot be installed here). */
export function ensureTfBackend(): Promise<void> {
  backendReady ??= (async () => {
    // Emscripten's Node glue registers process-wide handlers that rethrow any uncaught error or
    // rejection, which would turn one failed request into a crashed web server. Keep the host's own.
    const events = ["uncaughtException", "unhandledRejection"] as const;
    // process.listeners() has one overload per event name, so the union needs narrowing to one of them.
    const before = events.map((e) => new Set(process.listeners(e as "uncaughtException")));
    try {
      setWasmPaths(`${wasmDir()}/`);
      if (!(await tf.setBackend("wasm"))) throw new Error("lstm: the tfjs wasm backend failed to initialise");
      await tf.ready();
    } finally {
      events.forEach((e, i) => {
        for (const l of process.listeners(e as "uncaughtException")) if (!before[i].has(l)) process.removeListener(e, l as never);
      });
    }
  })();
  return backendReady;
}

/**
 * LSTM over the window, then a linear head on [h_T, x_T]: the skip from the last step's inputs lets the
 * network pick up plain linear effects of the latest features quickly, while the LSTM state adds what
 * the sequence carries.
 */
export function buildTfModel(args: { shape: LstmShape; seed: number; learningRate: number }): tf.LayersModel {
  // Weight initializers (unitForgetBias, orthogonal) leave temporaries behind; tidy frees them while the
  // weights themselves are variables and survive.
  let model: tf.LayersModel | undefined;
  tf.tidy(() => {
    model = createModel(args);
  });
  return model!;
}

function createModel({ shape, seed, learningRate }: { shape: LstmShape; seed: number; learningRate: number }): tf.LayersModel {
  const seq = tf.input({ shape: [shape.steps, shape.inputs] });
  const last = tf.input({ shape: [shape.inputs] });
  const h = tf.layers
    .lstm({
      units: shape.units,
      activation: "tanh",
      // tfjs defaults to hardSigmoid; the plain sigmoid keeps the TypeScript forward pass simple to match.
      recurrentActivation: "sigmoid",
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
      unitForgetBias: true,
    })
    .apply(seq) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([h, last]) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: shape.outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) })
    .apply(joined) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [seq, last], outputs: out });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: "meanSquaredError" });
  return model;
}

/** The model's two inputs for a batch of windows [n, steps, inputs]: the windows and their last step. */
export function modelInputs(windows: tf.Tensor3D): [tf.Tensor3D, tf.Tensor2D] {
  const [n, steps, inputs] = windows.shape;
  return [windows, tf.tidy(() => windows.slice([0, steps - 1, 0], [n, 1, inputs]).reshape([n, inputs]) as tf.Tensor2D)];
}

export function readWeights(model: tf.LayersModel): LstmWeights {
  const w = model.getWeights().map((t) => t.dataSync() as Float32Array);
  return {
    kernel: Float32Array.from(w[0]),
    recurrent: Float32Array.from(w[1]),
    bias: Float32Array.from(w[2]),
    denseKernel: Float32Array.from(w[3]),
    denseBias: Float32Array.from(w[4]),
  };
}
