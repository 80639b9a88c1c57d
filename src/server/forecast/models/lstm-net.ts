// The LSTM network in TensorFlow.js (wasm backend): building, weight transfer and backend set-up.
// Inference at predict time runs in lstm-forward.ts from the same weights. TensorFlow.js is loaded on the
// first LSTM fit only (ensureTfBackend), never by importing this file: loading the package costs ~0.7 s of
// CPU, which a thread that only makes baselines (or serves) would otherwise pay at its start.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as Tf from "@tensorflow/tfjs";
import type { LstmShape, LstmWeights } from "./lstm-forward";

export type { LstmShape, LstmWeights } from "./lstm-forward";
export { forwardLstm } from "./lstm-forward";

let backendReady: Promise<typeof Tf> | undefined;
let loaded: typeof Tf | undefined;

/** Whether this thread has loaded TensorFlow.js (only an LSTM fit does). */
export function tfLoaded(): boolean {
  return loaded !== undefined;
}

/** The loaded package, for code that runs after ensureTfBackend. */
function tfjs(): typeof Tf {
  if (!loaded) throw new Error("lstm: TensorFlow.js is not loaded yet (await ensureTfBackend() first)");
  return loaded;
}

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

/** Loads TensorFlow.js and selects its wasm backend, once per thread (tfjs-node cannot be installed here); resolves with the package. */
export function ensureTfBackend(): Promise<typeof Tf> {
  backendReady ??= (async () => {
    // Emscripten's Node glue registers process-wide handlers that rethrow any uncaught error or
    // rejection, which would turn one failed request into a crashed web server. Keep the host's own.
    const events = ["uncaughtException", "unhandledRejection"] as const;
    // process.listeners() has one overload per event name, so the union needs narrowing to one of them.
    const before = events.map((e) => new Set(process.listeners(e as "uncaughtException")));
    try {
      const [tf, { setWasmPaths }] = await Promise.all([import("@tensorflow/tfjs"), import("@tensorflow/tfjs-backend-wasm")]);
      setWasmPaths(`${wasmDir()}/`);
      if (!(await tf.setBackend("wasm"))) throw new Error("lstm: the tfjs wasm backend failed to initialise");
      await tf.ready();
      loaded = tf;
      return tf;
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
export function buildTfModel(args: { shape: LstmShape; seed: number; learningRate: number }): Tf.LayersModel {
  // Weight initializers (unitForgetBias, orthogonal) leave temporaries behind; tidy frees them while the
  // weights themselves are variables and survive.
  let model: Tf.LayersModel | undefined;
  tfjs().tidy(() => {
    model = createModel(args);
  });
  return model!;
}

function createModel({ shape, seed, learningRate }: { shape: LstmShape; seed: number; learningRate: number }): Tf.LayersModel {
  const tf = tfjs();
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
    .apply(seq) as Tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([h, last]) as Tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: shape.outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) })
    .apply(joined) as Tf.SymbolicTensor;
  const model = tf.model({ inputs: [seq, last], outputs: out });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: "meanSquaredError" });
  return model;
}

/** The model's two inputs for a batch of windows [n, steps, inputs]: the windows and their last step. */
export function modelInputs(windows: Tf.Tensor3D): [Tf.Tensor3D, Tf.Tensor2D] {
  const [n, steps, inputs] = windows.shape;
  return [windows, tfjs().tidy(() => windows.slice([0, steps - 1, 0], [n, 1, inputs]).reshape([n, inputs]) as Tf.Tensor2D)];
}

export function readWeights(model: Tf.LayersModel): LstmWeights {
  const w = model.getWeights().map((t) => t.dataSync() as Float32Array);
  return {
    kernel: Float32Array.from(w[0]),
    recurrent: Float32Array.from(w[1]),
    bias: Float32Array.from(w[2]),
    denseKernel: Float32Array.from(w[3]),
    denseBias: Float32Array.from(w[4]),
  };
}
